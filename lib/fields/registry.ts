/**
 * What each field of each document type is: its label (with the acronyms people use: PAN, GSTIN,
 * IFSC, DOB), its place in the document, its kind (which decides the editor, the checks and how a
 * spreadsheet types it) and, for enums, addresses and tables, its options, parts and columns.
 * Unknown document types and fields still get a spec: a humanised label and a kind guessed from
 * the key and the value. Pure: used by the screens, the server actions and the exports.
 */
import { CATALOGUE, ADDRESS_PARTS, DOCUMENT_TYPE_LABELS, type FieldDef } from "./catalogue";

export type ScalarKind = "identifier" | "name" | "text" | "date" | "amount" | "enum" | "number";
/** `object` is an unknown nested object (edited part by part, like an address). */
export type FieldKind = ScalarKind | "address" | "table" | "object";

/** One part of an address, or one column of a table. */
export type PartSpec = {
  key: string;
  label: string;
  kind: ScalarKind;
  options?: readonly string[];
  /** Exactly this many digits (a PIN code has 6). */
  digits?: number;
};

export type FieldSpec = {
  path: string;
  label: string;
  kind: FieldKind;
  /** Place in the document as printed; unknown fields come after the known ones. */
  order: number;
  options?: readonly string[];
  parts?: readonly PartSpec[];
  columns?: readonly PartSpec[];
  naAllowed?: boolean;
  /** False for a field the registry does not list for this type (its spec is a guess). */
  known: boolean;
};

// Words written as acronyms wherever a key is turned into a label.
const ACRONYMS: Record<string, string> = {
  pan: "PAN",
  gst: "GST",
  gstin: "GSTIN",
  ifsc: "IFSC",
  micr: "MICR",
  dob: "DOB",
  dl: "DL",
  imei: "IMEI",
  id: "ID",
  vid: "VID",
  nic: "NIC",
  pin: "PIN",
  upi: "UPI",
  cin: "CIN",
  tan: "TAN",
  epic: "EPIC",
  fssai: "FSSAI",
  emi: "EMI",
  neft: "NEFT",
  rtgs: "RTGS",
  imps: "IMPS",
  url: "URL",
  uid: "UID",
};

/** `pan_number` → "PAN number", `gst_number` → "GST number", `dob` → "DOB". */
export function humaniseKey(key: string): string {
  const words = key
    .split(/[_\s]+/)
    .filter(Boolean)
    .map((w) => ACRONYMS[w.toLowerCase()] ?? w.toLowerCase());
  if (words.length === 0) return key;
  const [first, ...rest] = words;
  return [first!.charAt(0).toUpperCase() + first!.slice(1), ...rest].join(" ");
}

const normaliseType = (documentType: string | null | undefined) => (documentType ?? "").trim().toUpperCase();

function specOf(def: FieldDef, order: number, known: boolean): FieldSpec {
  const spec: FieldSpec = { path: def.key, label: def.label, kind: def.kind, order, known };
  if (def.options) spec.options = def.options;
  if (def.parts) spec.parts = def.parts;
  if (def.columns) spec.columns = def.columns;
  if (def.naAllowed) spec.naAllowed = true;
  return spec;
}

const BY_TYPE = new Map<string, readonly FieldSpec[]>(
  Object.entries(CATALOGUE).map(([type, defs]) => [type, defs.map((d, i) => specOf(d, i, true))]),
);
// A key known in any type describes the same key in an unknown type ("name", "date_of_birth").
const ANY_TYPE = new Map<string, FieldDef>();
for (const defs of Object.values(CATALOGUE))
  for (const d of defs) if (!ANY_TYPE.has(d.key)) ANY_TYPE.set(d.key, d);

/** The document types the registry describes, in the order of atlas-api.md §3.5. */
export const KNOWN_DOCUMENT_TYPES: readonly string[] = Object.keys(CATALOGUE);

/**
 * A document type as people name it: the registry's label ("SHOP_ACT_LICENSE" → "Shop Act
 * licence"), an unknown type humanised ("UTILITY_BILL" → "Utility bill"). Show the code beside it
 * where people need it (documentTypeWithCode, or a title).
 */
export function documentTypeLabel(documentType: string): string {
  return DOCUMENT_TYPE_LABELS[normaliseType(documentType)] ?? humaniseKey(documentType.trim());
}

/** "Shop Act licence (SHOP_ACT_LICENSE)": for lists where the code matters (settings, reclassify). */
export function documentTypeWithCode(documentType: string): string {
  const label = documentTypeLabel(documentType);
  return label === documentType ? label : `${label} (${documentType})`;
}

/** Types as the options of a list (value: the code, label: the name), sorted by name. */
export function documentTypeOptions(types: readonly string[]): { value: string; label: string }[] {
  return types
    .map((value) => ({ value, label: documentTypeLabel(value) }))
    .sort((a, b) => a.label.localeCompare(b.label, "en"));
}

/** The known fields of a type, in document order (empty for an unknown type). */
export function fieldsOf(documentType: string | null | undefined): readonly FieldSpec[] {
  return BY_TYPE.get(normaliseType(documentType)) ?? [];
}

/**
 * Fields in the order people read the document: the registry's fields of the type first, in the
 * registry's order, then the ones it does not list, in Atlas's order (`position`). The one place
 * fields are ordered for the review workspace, the QA check and the exports. A new array.
 */
export function inRegistryOrder<F extends { path: string; position: number }>(
  documentType: string | null | undefined,
  rows: readonly F[],
): F[] {
  const order = new Map(fieldsOf(documentType).map((spec, i) => [spec.path, i]));
  const rank = (f: F) => order.get(f.path) ?? order.size;
  return [...rows].sort((a, b) => rank(a) - rank(b) || a.position - b.position);
}

const DATE_TEXT = /^\d{1,2}\/\d{1,2}\/\d{4}$/;
const AMOUNT_KEY = /(?:^|_)(?:amount|balance|debit|credit|total|rate|price|cost|value|salary|emi)(?:_|$)/i;
const IDENTIFIER_KEY =
  /(?:^|_)(?:number|no|num|id|code|uid|vid|pin|pincode|postcode|ifsc|micr|pan|gstin|gst|imei|mobile|phone|account|aadhaar|voter|epic|passport|reference|ref|serial|cin|udyam)(?:_|$)/i;
const isRow = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

function guessScalar(key: string, value: unknown): ScalarKind {
  const lower = key.toLowerCase();
  if (typeof value === "number") return "number";
  if (typeof value === "string" && DATE_TEXT.test(value.trim())) return "date";
  if (/(?:^|_)date(?:_|$)|^dob$|^date_of_|_from$|_to$|_till$|_upto$/.test(lower)) return "date";
  if (AMOUNT_KEY.test(lower)) return "amount";
  if (IDENTIFIER_KEY.test(lower)) return "identifier";
  if (/(?:^|_)name$/.test(lower)) return "name";
  return "text";
}

function guessParts(rows: Record<string, unknown>[]): PartSpec[] {
  const keys = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  return keys.map((key) => ({
    key,
    label: humaniseKey(key),
    kind: guessScalar(
      key,
      rows.map((r) => r[key]).find((v) => v !== "" && v !== null && v !== undefined),
    ),
  }));
}

/** A spec for a field the registry does not list: label from the key, kind from key and value. */
function guessSpec(path: string, value: unknown, order: number): FieldSpec {
  const common = ANY_TYPE.get(path);
  if (common && (common.kind !== "table" || Array.isArray(value))) return specOf(common, order, false);
  const label = humaniseKey(path);
  if (Array.isArray(value) && value.length > 0 && value.every(isRow))
    return { path, label, kind: "table", order, columns: guessParts(value), known: false };
  if (isRow(value)) {
    const isAddress = /address/i.test(path);
    const parts = isAddress && Object.keys(value).every((k) => ADDRESS_PARTS.some((p) => p.key === k));
    return {
      path,
      label,
      kind: isAddress ? "address" : "object",
      order,
      parts: parts ? ADDRESS_PARTS : guessParts([value]),
      known: false,
    };
  }
  return { path, label, kind: guessScalar(path, value), order, known: false };
}

const UNKNOWN_ORDER = 1_000;

/**
 * The spec of a field of a document type; `value` (the value Atlas sent) lets an unknown field's
 * kind be guessed. Known fields keep their registry spec whatever the value.
 */
export function fieldSpec(documentType: string | null | undefined, path: string, value?: unknown): FieldSpec {
  const list = fieldsOf(documentType);
  const known = list.find((s) => s.path === path);
  if (known) {
    // An address printed as parts where the registry expects one line (or the other way round).
    if (known.kind === "address" && isRow(value) && !known.parts)
      return { ...known, parts: guessSpec(path, value, known.order).parts ?? ADDRESS_PARTS };
    return known;
  }
  return guessSpec(path, value, UNKNOWN_ORDER);
}

/** The label of a field path; nested paths (`formatted_address.postcode`) name each level. */
export function fieldLabel(documentType: string | null | undefined, path: string): string {
  const [top = path, ...rest] = path.split(".");
  const spec = fieldSpec(documentType, top.replace(/\[\d+\]$/, ""));
  if (rest.length === 0) return spec.label;
  const inner = rest.map((segment) => {
    const key = segment.replace(/\[\d+\]$/, "");
    const part = [...(spec.parts ?? []), ...(spec.columns ?? [])].find((p) => p.key === key);
    return part?.label ?? humaniseKey(key);
  });
  return [spec.label, ...inner].join(" › ");
}
