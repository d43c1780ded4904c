import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { humaniseKey, type FieldSpec, type PartSpec } from "@/lib/fields/registry";
import { formatAmountText } from "@/lib/format";

type Shape = Pick<FieldSpec, "kind" | "parts" | "columns">;

/**
 * Renders any extracted value readably: text as text, objects as a definition list, arrays of
 * objects as a table (e.g. bank statement transactions, invoice line items), other arrays as a
 * list. With the field's `spec` (lib/fields/registry.ts) parts and columns carry their labels and
 * amounts show in rupees with Indian grouping; unknown shapes render the same way without it.
 */
export function FieldValue({ value, spec }: { value: unknown; spec?: Shape }) {
  if (value === null || value === undefined || value === "")
    return <span className="text-slate-500 dark:text-slate-400">(empty)</span>;
  if (Array.isArray(value)) {
    if (value.length === 0) return <span className="text-slate-500 dark:text-slate-400">(no rows)</span>;
    if (value.every((v) => v && typeof v === "object" && !Array.isArray(v)))
      return <ObjectTable rows={value as Record<string, unknown>[]} columns={spec?.columns} />;
    return (
      <ul className="list-disc pl-5">
        {value.map((v, i) => (
          <li key={i}>
            <FieldValue value={v} />
          </li>
        ))}
      </ul>
    );
  }
  if (typeof value === "object") {
    const parts = spec?.parts;
    return (
      <dl className="grid grid-cols-[max-content_minmax(0,1fr)] gap-x-3 gap-y-0.5">
        {Object.entries(value as Record<string, unknown>).map(([k, v]) => {
          const part = parts?.find((p) => p.key === k);
          return (
            <div key={k} className="contents">
              <dt className="text-xs text-slate-600 dark:text-slate-400">{part?.label ?? humanise(k)}</dt>
              <dd className="min-w-0">
                <FieldValue value={v} spec={part} />
              </dd>
            </div>
          );
        })}
      </dl>
    );
  }
  const text = String(value);
  if (spec?.kind === "amount")
    return <span className="whitespace-nowrap tabular-nums">{formatAmountText(text)}</span>;
  return <span className="[overflow-wrap:anywhere]">{text}</span>;
}

// Dates, amounts and identifiers never break inside; amounts line up on the right.
const CELL_CLASS: Partial<Record<PartSpec["kind"], string>> = {
  amount: "whitespace-nowrap text-right",
  date: "whitespace-nowrap",
  identifier: "whitespace-nowrap",
  number: "whitespace-nowrap text-right",
};

function ObjectTable({
  rows,
  columns: known,
}: {
  rows: Record<string, unknown>[];
  columns?: readonly PartSpec[] | undefined;
}) {
  const keys = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const columns = [
    ...(known ?? []).filter((c) => keys.includes(c.key)),
    ...keys.filter((k) => !known?.some((c) => c.key === k)).map((key) => ({ key, label: humanise(key) })),
  ] as (PartSpec | { key: string; label: string })[];
  return (
    <Table
      className="max-h-80 max-w-full overflow-auto rounded bg-transparent dark:border-slate-700 dark:bg-transparent"
      tableClassName="text-xs"
      scrollLabel={`Table of ${rows.length} ${rows.length === 1 ? "row" : "rows"}`}
    >
      <THead className="sticky top-0 bg-slate-50 text-xs normal-case tracking-normal text-inherit dark:bg-slate-800 dark:text-inherit">
        <Tr>
          {columns.map((c) => (
            <Th key={c.key} className="whitespace-nowrap px-2 py-1 font-medium">
              {c.label}
            </Th>
          ))}
        </Tr>
      </THead>
      <TBody>
        {rows.map((row, i) => (
          <Tr key={i}>
            {columns.map((c) => (
              <Td
                key={c.key}
                className={`px-2 py-1 align-top ${"kind" in c ? (CELL_CLASS[c.kind] ?? "") : ""}`}
              >
                {row[c.key] === undefined || row[c.key] === "" ? (
                  ""
                ) : (
                  <FieldValue value={row[c.key]} spec={"kind" in c ? c : undefined} />
                )}
              </Td>
            ))}
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}

/** A key as a label with the acronyms people use: `pan_number` → "PAN number". */
export function humanise(key: string): string {
  return humaniseKey(key);
}
