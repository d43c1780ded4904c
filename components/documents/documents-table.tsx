import Link from "next/link";
import { REVIEW_STATUS_LABEL } from "@/lib/review/types";
import { Table, TableCaption, TableEmpty, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { ConfidenceBadge } from "./confidence-badge";

/** One document as the lists show it; the caller masks the id and words the type and problem. */
export type DocumentsTableRow = {
  id: string;
  /** The external document id, already masked. */
  label: string;
  /** Where the id links to, or null while there is nothing to open yet. */
  href: string | null;
  /** The document type as people name it (DocumentTypeName), or why there is none yet. */
  type: React.ReactNode;
  fieldCount: number;
  minConfidence: number | null;
  needsReviewCount: number;
  problem: string;
  reviewStatus: string;
};

/** The documents of a batch or an application: id, type, fields, confidence, problems, review. */
export function DocumentsTable({
  caption,
  rows,
  threshold,
  problemsHeading = "Errors",
  rowTestId,
  empty,
  className,
}: {
  caption: string;
  rows: DocumentsTableRow[];
  /** The global review threshold the confidence badge colours against. */
  threshold: number;
  problemsHeading?: string;
  rowTestId: string;
  /** What the table says when there are no rows; without it an empty table is just its header. */
  empty?: React.ReactNode;
  className?: string;
}) {
  return (
    <Table className={className}>
      <TableCaption>{caption}</TableCaption>
      <THead>
        <Tr>
          <Th>Document id</Th>
          <Th>Type</Th>
          <Th numeric>Fields</Th>
          <Th>Lowest confidence</Th>
          <Th numeric>Need review</Th>
          <Th>{problemsHeading}</Th>
          <Th>Review</Th>
        </Tr>
      </THead>
      <TBody>
        {rows.map((d) => (
          <Tr key={d.id} data-testid={rowTestId}>
            <Td className="font-mono text-xs">
              {d.href ? (
                <Link href={d.href} className="text-indigo-700 hover:underline dark:text-indigo-300">
                  {d.label}
                </Link>
              ) : (
                d.label
              )}
            </Td>
            <Td className="text-xs">{d.type}</Td>
            <Td numeric>{d.fieldCount}</Td>
            <Td>
              <ConfidenceBadge value={d.minConfidence} threshold={threshold} />
            </Td>
            <Td numeric>{d.needsReviewCount || ""}</Td>
            <Td className="text-xs text-red-700 dark:text-red-300">{d.problem}</Td>
            <Td className="text-xs">{REVIEW_STATUS_LABEL[d.reviewStatus] ?? d.reviewStatus}</Td>
          </Tr>
        ))}
        {rows.length === 0 && empty ? <TableEmpty colSpan={7}>{empty}</TableEmpty> : null}
      </TBody>
    </Table>
  );
}
