import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Table, TableCaption, TBody, Td, Th, THead } from "@/components/ui/table";
import { crossCheckVerdict, isGenericCrossCheck } from "@/lib/applications/status";
import { maskAadhaarInText, maskDeep, maskFieldValue } from "@/lib/masking";

export type CrossCheckRow = {
  id: string;
  fieldName: string;
  sourceDocumentId: string;
  sourceDocumentType: string | null;
  sourceValue: unknown;
  targetDocumentId: string;
  targetDocumentType: string | null;
  targetValue: unknown;
  similarityScore: number | null;
  /** The item as Atlas sent it. */
  raw?: unknown;
};

const humanise = (key: string) => {
  const text = key.replace(/_/g, " ");
  return text.charAt(0).toUpperCase() + text.slice(1);
};

/** An item in a shape the dashboard does not know: every key Atlas sent, as sent. */
function GenericItem({ raw }: { raw: unknown }) {
  // Masked like every other value: an unknown shape may still carry an Aadhaar number.
  const masked = maskDeep(raw);
  const entries =
    masked && typeof masked === "object" && !Array.isArray(masked)
      ? Object.entries(masked)
      : [["value", masked] as const];
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-xs" data-testid="cross-check-raw">
      {entries.map(([key, value]) => (
        <div key={key} className="contents">
          <dt className="font-mono text-slate-500">{key}</dt>
          <dd className="break-words">{show(value)}</dd>
        </div>
      ))}
    </dl>
  );
}

const show = (value: unknown): string =>
  value === null || value === undefined ? "—" : typeof value === "string" ? value : JSON.stringify(value);

/**
 * Atlas's cross-document comparisons: the field, both documents and their values side by side,
 * and the similarity score against the lender's pass mark. Below the mark is a mismatch.
 * `documentLinks` maps Atlas's document_id to our document row, for the review workspace.
 */
export function CrossChecksTable({
  rows,
  passMark,
  documentLinks,
}: {
  rows: CrossCheckRow[];
  passMark: number;
  documentLinks: Record<string, string>;
}) {
  const side = (
    row: CrossCheckRow,
    externalId: string,
    type: string | null,
    value: unknown,
    label: string,
  ) => {
    const href = documentLinks[externalId];
    // Atlas may compare Aadhaar numbers across documents: shown masked, like everywhere else.
    const shown = maskFieldValue(type ?? "UNKNOWN", row.fieldName, value);
    return (
      <Td className="align-top">
        <span className="block text-xs text-slate-500">
          {href ? (
            <Link
              href={href}
              className="font-mono text-indigo-700 hover:underline dark:text-indigo-300"
              aria-label={`Open ${label} document ${maskAadhaarInText(externalId)}`}
            >
              {maskAadhaarInText(externalId)}
            </Link>
          ) : (
            <span className="font-mono">{maskAadhaarInText(externalId)}</span>
          )}{" "}
          · {type ?? "unknown type"}
        </span>
        <span className="block break-words">{show(shown)}</span>
      </Td>
    );
  };
  return (
    <Table>
      <TableCaption>Cross-checks, mismatches first</TableCaption>
      <THead>
        <tr>
          <Th>Field</Th>
          <Th>Document</Th>
          <Th>Compared with</Th>
          <Th numeric>Similarity</Th>
          <Th>Verdict</Th>
        </tr>
      </THead>
      <TBody>
        {rows.map((row) => {
          const verdict = crossCheckVerdict(row.similarityScore, passMark);
          return (
            <tr
              key={row.id}
              data-testid="cross-check-row"
              data-verdict={verdict}
              className={verdict === "mismatch" ? "bg-red-50 dark:bg-red-950/40" : ""}
            >
              {isGenericCrossCheck(row.fieldName) ? (
                <>
                  <Th scope="row" className="text-left align-top font-medium">
                    {row.fieldName.split("#raw:")[0]
                      ? humanise(row.fieldName.split("#raw:")[0]!)
                      : "Comparison"}
                    <span className="block text-xs font-normal text-amber-700 dark:text-amber-300">
                      shape not recognised, shown as Atlas sent it
                    </span>
                  </Th>
                  <Td className="align-top" colSpan={2}>
                    <GenericItem raw={row.raw} />
                  </Td>
                </>
              ) : (
                <>
                  <Th scope="row" className="text-left align-top font-medium">
                    {humanise(row.fieldName)}
                    <span className="block font-mono text-xs font-normal text-slate-500">
                      {row.fieldName}
                    </span>
                  </Th>
                  {side(row, row.sourceDocumentId, row.sourceDocumentType, row.sourceValue, "source")}
                  {side(row, row.targetDocumentId, row.targetDocumentType, row.targetValue, "target")}
                </>
              )}
              <Td numeric className="align-top">
                {row.similarityScore === null ? "—" : row.similarityScore.toFixed(1)}
              </Td>
              <Td className="align-top">
                {verdict === "mismatch" ? (
                  <Badge tone="danger" className="font-semibold">
                    Mismatch
                  </Badge>
                ) : verdict === "pass" ? (
                  <span className="text-xs text-emerald-700 dark:text-emerald-300">Match</span>
                ) : (
                  <span className="text-xs text-amber-700 dark:text-amber-300">No score</span>
                )}
              </Td>
            </tr>
          );
        })}
      </TBody>
    </Table>
  );
}
