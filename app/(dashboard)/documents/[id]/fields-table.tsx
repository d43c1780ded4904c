import type { ReactNode } from "react";
import { cn } from "@/components/ui/cn";
import { Table, TableCaption, TBody, Th, THead, Tr } from "@/components/ui/table";
import { fieldsTableClass, type Density } from "./fields-layout";

const groupHeader = (text: string) => (
  <Tr className="bg-slate-50 dark:bg-slate-800/60">
    <Th
      colSpan={5}
      scope="colgroup"
      className="px-2 py-1.5 text-left text-xs font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-300"
    >
      {text}
    </Th>
  </Tr>
);

const COLUMNS = ["Field", "Value", "Confidence", "Why it needs review", "Review"];

// Fixed column widths (the value takes the rest), so a long value or a wide nested table wraps or
// scrolls inside its cell instead of pushing the actions out of the column.
const WIDTHS: Record<Density, readonly (string | undefined)[]> = {
  comfortable: ["w-[9.5rem]", undefined, "w-[4.75rem]", "w-[8.5rem]", "w-[8.5rem]"],
  compact: ["w-[8.5rem]", undefined, "w-[4.25rem]", "w-[7.5rem]", "w-[8.5rem]"],
};

/** The fields as one table: "Needs review" first (with what is left), then the rest. */
export function FieldsTable({
  flagged,
  others,
  left,
  density = "comfortable",
}: {
  flagged: ReactNode[];
  others: ReactNode[];
  left: number;
  density?: Density;
}) {
  return (
    <Table
      tableClassName={cn(fieldsTableClass(density), density === "compact" && "text-[13px] leading-snug")}
      data-density={density}
    >
      <TableCaption>Extracted fields</TableCaption>
      <colgroup>
        {WIDTHS[density].map((width, i) => (
          <col key={COLUMNS[i]} className={width} />
        ))}
      </colgroup>
      <THead className="bg-transparent dark:bg-transparent">
        <Tr>
          {COLUMNS.map((c) => (
            <Th key={c} className={cn("px-2", density === "compact" && "py-1")}>
              {c}
            </Th>
          ))}
        </Tr>
      </THead>
      {flagged.length ? (
        <TBody>
          {groupHeader(`Needs review — ${left} left of ${flagged.length}`)}
          {flagged}
        </TBody>
      ) : null}
      <TBody>
        {groupHeader(flagged.length ? "Other fields" : "Fields")}
        {others}
      </TBody>
    </Table>
  );
}
