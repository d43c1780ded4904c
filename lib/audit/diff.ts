/**
 * An audit event's before/after as a readable diff: the keys that changed, old → new, instead of
 * two JSON blobs. Values are masked (Aadhaar/VID to their last four digits) and secret-named keys
 * hidden before they are turned into text. Pure and client-safe.
 */
import { redactForLog } from "@/lib/masking";

export type AuditChange = {
  /** Dotted path of the key ("reviewStatus", "value.city", "line_items.2.amount"); "" for a bare value. */
  path: string;
  /** Text of the old value; null when the key did not exist before. */
  before: string | null;
  /** Text of the new value; null when the key is gone. */
  after: string | null;
};

const MAX_TEXT = 200;
const MAX_DEPTH = 4;

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** Arrays of plain values read best as one list ("PAN, DOB"); arrays of objects are walked. */
const isLeafArray = (v: unknown): v is unknown[] =>
  Array.isArray(v) && v.every((x) => !isPlainObject(x) && !Array.isArray(x));

function text(value: unknown): string {
  let out: string;
  if (value === null || value === undefined || value === "") out = "(empty)";
  else if (typeof value === "string") out = value;
  else if (isLeafArray(value)) out = value.length ? value.map(text).join(", ") : "(none)";
  else out = JSON.stringify(value) ?? String(value);
  return out.length > MAX_TEXT ? `${out.slice(0, MAX_TEXT)}…` : out;
}

/** Leaves of a value by dotted path (objects and arrays of objects walked, up to a depth). */
function leaves(
  value: unknown,
  prefix: string,
  depth: number,
  out: Map<string, unknown>,
): Map<string, unknown> {
  const walkable = isPlainObject(value) || (Array.isArray(value) && !isLeafArray(value));
  if (!walkable || depth >= MAX_DEPTH) {
    out.set(prefix, value);
    return out;
  }
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
  if (entries.length === 0) out.set(prefix, value);
  for (const [key, child] of entries) leaves(child, prefix ? `${prefix}.${key}` : key, depth + 1, out);
  return out;
}

/**
 * What changed between `before` and `after` (either may be null: a creation or a removal). Keys
 * are listed in the order they first appear; unchanged keys are left out.
 */
export function auditDiff(before: unknown, after: unknown): AuditChange[] {
  const hasBefore = before !== null && before !== undefined;
  const hasAfter = after !== null && after !== undefined;
  const old = hasBefore ? leaves(redactForLog(before), "", 0, new Map()) : new Map<string, unknown>();
  const now = hasAfter ? leaves(redactForLog(after), "", 0, new Map()) : new Map<string, unknown>();
  const paths = [...new Set([...old.keys(), ...now.keys()])];
  const changes: AuditChange[] = [];
  for (const path of paths) {
    const a = old.has(path) ? text(old.get(path)) : null;
    const b = now.has(path) ? text(now.get(path)) : null;
    if (a !== b) changes.push({ path, before: a, after: b });
  }
  return changes;
}

/** Extra facts recorded with an event (metadata), as "key: value" pairs, masked. */
export function auditDetails(
  metadata: unknown,
  skip: readonly string[] = [],
): { key: string; value: string }[] {
  if (metadata === null || metadata === undefined) return [];
  return [...leaves(redactForLog(metadata), "", 0, new Map())]
    .filter(([key]) => !skip.includes(key))
    .map(([key, value]) => ({ key, value: text(value) }));
}
