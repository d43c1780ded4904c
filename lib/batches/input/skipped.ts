import { formatIst, presignedExpiresAt } from "./presigned";
import type { RowProblem, RowProblemCode } from "./problems";
import { formatNumber } from "@/lib/format";

export type SkippedRow = { line: number; documentId: string; code: RowProblemCode; reason: string };

export type SkippedSummary = {
  count: number;
  /** "1 skipped: expired at 21 Nov 2025, 14:30 IST" */
  text: string;
  /** The first rows, for the result panel (a 5,000-row answer stays small). */
  rows: SkippedRow[];
};

const SHOWN_ROWS = 50;

function expiredAt(fileUrl: string): Date | null {
  try {
    const at = presignedExpiresAt(new URL(fileUrl.trim()));
    return at instanceof Date ? at : null;
  } catch {
    return null;
  }
}

// The part of a problem message before " — what to do".
const shortReason = (message: string) => message.split(" — ")[0]!;

/**
 * Why rows were not recorded, said in the result of a submit: never dropped silently. A link
 * that lapsed between the preview and the submit reads "expired at …".
 */
export function summariseSkipped(
  rows: readonly { line: number; documentId: string; fileUrl: string; problems: readonly RowProblem[] }[],
): SkippedSummary {
  const skipped = rows.filter((r) => r.problems.length > 0);
  const detailed = skipped.map((row) => {
    const first = row.problems[0]!;
    const at = first.code === "url_expired" ? expiredAt(row.fileUrl) : null;
    const reason = at ? `expired at ${formatIst(at)}` : shortReason(first.message);
    return { line: row.line, documentId: row.documentId, code: first.code, reason, at };
  });
  const groups = new Map<string, { count: number; reason: string; first: Date | null }>();
  for (const row of detailed) {
    const key = row.code === "url_expired" ? "url_expired" : row.reason;
    const group = groups.get(key);
    if (!group) groups.set(key, { count: 1, reason: row.reason, first: row.at });
    else {
      group.count++;
      if (row.at && (!group.first || row.at < group.first)) group.first = row.at;
    }
  }
  const parts = [...groups.entries()].map(([key, g]) => {
    if (key === "url_expired" && g.count > 1 && g.first)
      return `${g.count} expired (the first at ${formatIst(g.first)})`;
    return groups.size === 1 && g.count === 1 ? g.reason : `${g.count} ${g.reason}`;
  });
  return {
    count: skipped.length,
    text: skipped.length === 0 ? "" : `${formatNumber(skipped.length, 0)} skipped: ${parts.join("; ")}`,
    rows: detailed
      .slice(0, SHOWN_ROWS)
      .map(({ line, documentId, code, reason }) => ({ line, documentId, code, reason })),
  };
}
