/**
 * Reading a field's stored evidence back, and saying it in words. Pure and client-safe.
 */
import type { FieldIssue } from "@/lib/documents/extract";
import { EVIDENCE_STATUSES, type FieldEvidence } from "./types";

/** The stored jsonb as FieldEvidence, or null when there is none (or it is not one). */
export function storedEvidence(stored: unknown): FieldEvidence | null {
  if (typeof stored !== "object" || stored === null) return null;
  const e = stored as Partial<FieldEvidence>;
  if (!EVIDENCE_STATUSES.includes(e.status as FieldEvidence["status"]) || !Array.isArray(e.boxes))
    return null;
  return {
    status: e.status!,
    score: typeof e.score === "number" ? e.score : 0,
    boxes: e.boxes,
    reading: typeof e.reading === "string" ? e.reading : null,
    readingConfidence: typeof e.readingConfidence === "number" ? e.readingConfidence : null,
    flagged: e.flagged === true,
  };
}

/** What the second reader says about a field, in words: "page reads ABCPK1234D", "not found on the page". */
export function evidenceMessage(evidence: FieldEvidence): string | null {
  if (evidence.status === "disagrees") return `page reads ${evidence.reading ?? "something else"}`;
  if (evidence.status === "not_found") return "not found on the page";
  return null;
}

/** The evidence as an issue beside the validators' (an error when it sends the field to review). */
export function evidenceIssue(path: string, evidence: FieldEvidence | null): FieldIssue[] {
  const message = evidence && evidenceMessage(evidence);
  if (!evidence || !message) return [];
  return [{ path, check: "second_reader", message, severity: evidence.flagged ? "error" : "warning" }];
}
