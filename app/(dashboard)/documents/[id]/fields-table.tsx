import type { ReactNode } from "react";
import { Table, TableCaption, TBody, Th, THead, Tr } from "@/components/ui/table";
import { columnWidths, fieldsTableClass, type Density } from "./fields-layout";

const groupHeader = (text: string) => (
  <Tr className="bg-slate-50 dark:bg-slate-800/60">
    <Th
      colSpan={5}
      scope="colgroup"
      className="px-3 py-1.5 text-left text-xs font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-300"
    >
      {text}
    </Th>
  </Tr>
);

const COLUMNS = ["Field", "Value", "Confidence", "Why it needs review", "Review"];

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
    <Table tableClassName={fieldsTableClass(density)} data-density={density}>
      <TableCaption>Extracted fields</TableCaption>
      <colgroup>
        {columnWidths(density).map((width, i) => (
          <col key={i} className={width} />
        ))}
      </colgroup>
      <THead className="bg-transparent dark:bg-transparent">
        <Tr>
          {COLUMNS.map((c) => (
            <Th key={c} className="px-3">
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
