import { cn } from "./cn";

/**
 * A data table in its card shell. Cells default to `px-4 py-2`; pass `className="px-3"` for a
 * denser table (later classes win). `numeric` right-aligns with tabular figures.
 * `scrollLabel` is for a table whose shell is given a fixed height and scrolls: the shell becomes
 * a named region in the tab order, so keyboard users can scroll it too (axe's
 * scrollable-region-focusable).
 */
export function Table({
  className,
  tableClassName,
  scrollLabel,
  ...props
}: React.ComponentProps<"table"> & { tableClassName?: string; scrollLabel?: string }) {
  const scrollRegion = scrollLabel
    ? ({ role: "region", "aria-label": scrollLabel, tabIndex: 0 } as const)
    : undefined;
  return (
    <div
      {...scrollRegion}
      className={cn(
        "overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900",
        className,
      )}
    >
      <table className={cn("min-w-full text-sm", tableClassName)} {...props} />
    </div>
  );
}

export function TableCaption({ className, ...props }: React.ComponentProps<"caption">) {
  return <caption className={cn("sr-only", className)} {...props} />;
}

export function THead({ className, ...props }: React.ComponentProps<"thead">) {
  return (
    <thead
      className={cn(
        "bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500 dark:bg-slate-800/60 dark:text-slate-400",
        className,
      )}
      {...props}
    />
  );
}

export function TBody({ className, ...props }: React.ComponentProps<"tbody">) {
  return <tbody className={cn("divide-y divide-slate-100 dark:divide-slate-800", className)} {...props} />;
}

export function Tr(props: React.ComponentProps<"tr">) {
  return <tr {...props} />;
}

type CellOptions = { numeric?: boolean };

export function Th({
  className,
  numeric,
  scope = "col",
  ...props
}: React.ComponentProps<"th"> & CellOptions) {
  return (
    <th
      scope={scope}
      className={cn(
        "px-4 py-2",
        scope === "row" && "text-left font-medium",
        numeric && "text-right",
        className,
      )}
      {...props}
    />
  );
}

export function Td({ className, numeric, ...props }: React.ComponentProps<"td"> & CellOptions) {
  return <td className={cn("px-4 py-2", numeric && "text-right tabular-nums", className)} {...props} />;
}

/** One full-width row saying the table is empty ("No documents match these filters."). */
export function TableEmpty({
  colSpan,
  className,
  children,
}: {
  colSpan: number;
  className?: string;
  children: React.ReactNode;
}) {
  return (
    <tr>
      <td colSpan={colSpan} className={cn("px-4 py-8 text-center text-slate-500", className)}>
        {children}
      </td>
    </tr>
  );
}
