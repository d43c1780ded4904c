import { cva, type VariantProps } from "class-variance-authority";
import { cn } from "./cn";

export const alertVariants = cva("rounded-md border px-3 py-2 text-sm", {
  variants: {
    tone: {
      error: "border-red-200 bg-red-50 text-red-800 dark:border-red-900 dark:bg-red-950 dark:text-red-200",
      warning:
        "border-amber-200 bg-amber-50 text-amber-900 dark:border-amber-900 dark:bg-amber-950/40 dark:text-amber-200",
      info: "border-sky-200 bg-sky-50 text-sky-900 dark:border-sky-900 dark:bg-sky-950/40 dark:text-sky-200",
      success:
        "border-emerald-200 bg-emerald-50 text-emerald-900 dark:border-emerald-900 dark:bg-emerald-950 dark:text-emerald-100",
    },
  },
  defaultVariants: { tone: "info" },
});

type AlertProps = React.ComponentProps<"div"> & VariantProps<typeof alertVariants>;

/**
 * A message box. Errors are announced (`role="alert"`) unless the caller passes another role;
 * pass `role={undefined}` explicitly for an error that is part of the page rather than news.
 */
export function Alert({ className, tone, ...props }: AlertProps) {
  const role = "role" in props ? props.role : tone === "error" ? "alert" : undefined;
  return <div {...props} role={role} className={cn(alertVariants({ tone }), className)} />;
}

export function AlertTitle({ className, ...props }: React.ComponentProps<"p">) {
  return <p className={cn("font-medium", className)} {...props} />;
}
