import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";

/**
 * Renders any extracted value readably: text as text, objects as a definition list, arrays of
 * objects as a table (e.g. bank statement transactions, invoice line items), other arrays as a
 * list. Unknown shapes from unknown document types render the same way.
 */
export function FieldValue({ value }: { value: unknown }) {
  if (value === null || value === undefined || value === "")
    return <span className="text-slate-500 dark:text-slate-400">(empty)</span>;
  if (Array.isArray(value)) {
    if (value.length === 0) return <span className="text-slate-500 dark:text-slate-400">(no rows)</span>;
    if (value.every((v) => v && typeof v === "object" && !Array.isArray(v)))
      return <ObjectTable rows={value as Record<string, unknown>[]} />;
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
    return (
      <dl className="grid grid-cols-[max-content_1fr] gap-x-3 gap-y-0.5">
        {Object.entries(value as Record<string, unknown>).map(([k, v]) => (
          <div key={k} className="contents">
            <dt className="text-xs text-slate-500 dark:text-slate-400">{humanise(k)}</dt>
            <dd>
              <FieldValue value={v} />
            </dd>
          </div>
        ))}
      </dl>
    );
  }
  return <span className="break-words">{String(value)}</span>;
}

function ObjectTable({ rows }: { rows: Record<string, unknown>[] }) {
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  return (
    <Table
      className="max-h-80 overflow-auto rounded bg-transparent dark:border-slate-700 dark:bg-transparent"
      tableClassName="text-xs"
      scrollLabel={`Table of ${rows.length} ${rows.length === 1 ? "row" : "rows"}`}
    >
      <THead className="sticky top-0 bg-slate-50 text-xs normal-case tracking-normal text-inherit dark:bg-slate-800 dark:text-inherit">
        <Tr>
          {columns.map((c) => (
            <Th key={c} className="px-2 py-1 font-medium">
              {humanise(c)}
            </Th>
          ))}
        </Tr>
      </THead>
      <TBody>
        {rows.map((row, i) => (
          <Tr key={i}>
            {columns.map((c) => (
              <Td key={c} className="px-2 py-1 align-top">
                {row[c] === undefined ? "" : <FieldValue value={row[c]} />}
              </Td>
            ))}
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}

export function humanise(key: string): string {
  const text = key.replace(/_/g, " ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}
