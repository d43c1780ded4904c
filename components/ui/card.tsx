import { Slot } from "@radix-ui/react-slot";
import { cva, type VariantProps } from "class-variance-authority";
import { cn } from "./cn";

export const cardVariants = cva("rounded-lg border bg-white dark:bg-slate-900", {
  variants: {
    variant: {
      default: "border-slate-200 dark:border-slate-800",
      /** The empty state of a list: "No batches yet." */
      dashed: "border-dashed border-slate-300 text-center dark:border-slate-700",
    },
    padding: { none: "", md: "p-4", lg: "p-10" },
  },
  defaultVariants: { variant: "default", padding: "md" },
});

type CardProps = React.ComponentProps<"div"> &
  VariantProps<typeof cardVariants> & {
    /** Give the card shell to the single child (a `form`, a `section`). */
    asChild?: boolean;
  };

export function Card({ className, variant, padding, asChild = false, ...props }: CardProps) {
  const Comp = asChild ? Slot : "div";
  return <Comp className={cn(cardVariants({ variant, padding }), className)} {...props} />;
}

/** A dashed card holding a list's empty state. */
export function EmptyState({ className, ...props }: React.ComponentProps<"div">) {
  return <Card variant="dashed" padding="lg" className={cn("text-sm", className)} {...props} />;
}

export function CardTitle({
  className,
  as: Heading = "h2",
  ...props
}: React.ComponentProps<"h2"> & { as?: "h2" | "h3" }) {
  return <Heading className={cn("text-base font-semibold", className)} {...props} />;
}

export function CardDescription({ className, ...props }: React.ComponentProps<"p">) {
  return <p className={cn("mt-1 text-sm text-slate-600 dark:text-slate-400", className)} {...props} />;
}
