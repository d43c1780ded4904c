/**
 * Reject reasons: a configurable list of codes (admin settings, key `review.reject_reasons`) plus
 * the reviewer's free text. Client-safe: the dialog, the settings form and the actions share it.
 */
import { z } from "zod";

export const REJECT_REASONS_SETTING = "review.reject_reasons";

export const rejectReasonSchema = z.object({
  code: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z][A-Z0-9_]{1,39}$/, "A code is 2–40 capital letters, digits or _, e.g. ILLEGIBLE."),
  label: z.string().trim().min(2, "Give each code a label.").max(80, "Keep a label under 80 characters."),
});
export type RejectReason = z.output<typeof rejectReasonSchema>;

export const rejectReasonListSchema = z
  .array(rejectReasonSchema)
  .min(1, "Keep at least one reason.")
  .max(40, "At most 40 reasons.")
  .refine((list) => new Set(list.map((r) => r.code)).size === list.length, "Each code may appear once.");

export const DEFAULT_REJECT_REASONS: RejectReason[] = [
  { code: "ILLEGIBLE", label: "Illegible: the scan cannot be read" },
  { code: "WRONG_DOCUMENT", label: "Wrong document for this application" },
  { code: "EXPIRED", label: "Expired document" },
  { code: "TAMPERED", label: "Looks tampered with or edited" },
  { code: "INCOMPLETE", label: "Incomplete: pages or sides missing" },
  { code: "DUPLICATE", label: "Duplicate of another document" },
  { code: "OTHER", label: "Other (say why)" },
];

/** The stored list when it still fits the schema, else the defaults (a setting may predate it). */
export function readRejectReasons(stored: unknown): RejectReason[] {
  const parsed = rejectReasonListSchema.safeParse(stored);
  return parsed.success ? parsed.data : DEFAULT_REJECT_REASONS;
}

/** "ILLEGIBLE — Illegible: the scan cannot be read", or the bare code when no longer listed. */
export function describeRejectCode(code: string, reasons: RejectReason[]): string {
  return reasons.find((r) => r.code === code)?.label ?? code;
}

/** The list as the settings box shows it: one `CODE: label` a line. */
export function rejectReasonsText(reasons: RejectReason[]): string {
  return reasons.map((r) => `${r.code}: ${r.label}`).join("\n");
}

/**
 * Reads the settings box: one reason a line, `CODE: label` (a dash or tab also separates them);
 * blank lines are skipped. Each problem names its line, so nothing typed is lost to a vague error.
 */
export function parseRejectReasonsText(
  text: string,
): { ok: true; reasons: RejectReason[] } | { ok: false; message: string } {
  const rows: unknown[] = [];
  const lines = text.split(/\r?\n/);
  for (const [index, line] of lines.entries()) {
    if (!line.trim()) continue;
    const match = /^\s*([A-Za-z0-9_]+)\s*(?::|—|–|-|\t)\s*(.*)$/.exec(line);
    if (!match)
      return {
        ok: false,
        message: `Line ${index + 1}: write it as CODE: label, e.g. ILLEGIBLE: Cannot be read.`,
      };
    rows.push({ code: match[1], label: match[2] });
  }
  const parsed = rejectReasonListSchema.safeParse(rows);
  if (parsed.success) return { ok: true, reasons: parsed.data };
  const issue = parsed.error.issues[0]!;
  const row = typeof issue.path[0] === "number" ? `Reason ${issue.path[0] + 1}: ` : "";
  return { ok: false, message: `${row}${issue.message}` };
}
