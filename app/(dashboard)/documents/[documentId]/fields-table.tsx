import type { ReactNode } from "react";

const groupHeader = (text: string) => (
  <tr className="bg-slate-50 dark:bg-slate-800/60">
    <th
      colSpan={5}
      scope="colgroup"
      className="px-3 py-1.5 text-left text-xs font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-300"
    >
      {text}
    </th>
  </tr>
);

/** The fields as one table: "Needs review" first (with what is left), then the rest. */
export function FieldsTable({
  flagged,
  others,
  left,
}: {
  flagged: ReactNode[];
  others: ReactNode[];
  left: number;
}) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <table className="min-w-full text-sm">
        <caption className="sr-only">Extracted fields</caption>
        <thead className="text-left text-xs uppercase tracking-wide text-slate-500 dark:text-slate-400">
          <tr>
            <th scope="col" className="px-3 py-2">
              Field
            </th>
            <th scope="col" className="px-3 py-2">
              Value
            </th>
            <th scope="col" className="px-3 py-2">
              Confidence
            </th>
            <th scope="col" className="px-3 py-2">
              Why it needs review
            </th>
            <th scope="col" className="px-3 py-2">
              Review
            </th>
          </tr>
        </thead>
        {flagged.length ? (
          <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
            {groupHeader(`Needs review — ${left} left of ${flagged.length}`)}
            {flagged}
          </tbody>
        ) : null}
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {groupHeader(flagged.length ? "Other fields" : "Fields")}
          {others}
        </tbody>
      </table>
    </div>
  );
}
