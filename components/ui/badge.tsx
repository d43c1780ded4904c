import { cva, type VariantProps } from "class-variance-authority";
import { cn } from "./cn";

export const badgeVariants = cva("inline-flex items-center text-xs", {
  variants: {
    tone: {
      neutral: "bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-300",
      info: "bg-sky-100 text-sky-800 dark:bg-sky-900/60 dark:text-sky-200",
      accent: "bg-indigo-100 text-indigo-800 dark:bg-indigo-900/60 dark:text-indigo-200",
      warning: "bg-amber-100 text-amber-900 dark:bg-amber-900/60 dark:text-amber-200",
      success: "bg-emerald-100 text-emerald-800 dark:bg-emerald-900/60 dark:text-emerald-200",
      danger: "bg-red-100 text-red-800 dark:bg-red-900/60 dark:text-red-200",
    },
    shape: {
      /** Statuses: "Processing", "Complete". */
      pill: "rounded-full px-2 py-0.5 font-medium",
      /** Values: confidences, validator results. */
      tag: "rounded px-1.5 py-0.5",
    },
  },
  defaultVariants: { tone: "neutral", shape: "pill" },
});

export type BadgeTone = NonNullable<VariantProps<typeof badgeVariants>["tone"]>;

export function Badge({
  className,
  tone,
  shape,
  ...props
}: React.ComponentProps<"span"> & VariantProps<typeof badgeVariants>) {
  return <span className={cn(badgeVariants({ tone, shape }), className)} {...props} />;
}
