import { validateAadhaar, validateVid } from "./aadhaar";
import { validateIfsc, validatePincode } from "./bank-and-postal";
import { crossFieldChecks } from "./cross-field";
import { validateDate, validateDateOfBirth, validatePastDate } from "./dates";
import { isPlainObject, scalarText, unwrapField } from "./field-values";
import { validateGstin } from "./gstin";
import { validatePan } from "./pan";
import type { ValidationResult } from "./types";

export type ValidateOptions = { today: Date };

/** Results per field path: `pan_number`, `formatted_address.postcode`, `transactions[3].date`. */
export type DocumentValidation = Record<string, ValidationResult[]>;

type RuleContext = { today: Date; documentType: string };

type FieldRule = {
  /** Upper-case Atlas document types this rule is limited to; absent means every type. */
  documentTypes?: readonly string[];
  matches: (key: string) => boolean;
  validate: (value: string, context: RuleContext) => ValidationResult;
};

const oneOf =
  (...keys: string[]) =>
  (key: string) =>
    keys.includes(key);

const pastDate = (label: string) => (value: string, context: RuleContext) =>
  validatePastDate(value, context.today, label);

const DOB_KEYS = oneOf("dob", "date_of_birth", "birth_date");

/**
 * Validators by field key, first match wins, so document-specific rules come first. Keys are
 * matched in lower case at any depth (`formatted_address.postcode` uses the `postcode` rule).
 */
export const FIELD_RULES: readonly FieldRule[] = [
  {
    documentTypes: ["AADHAAR"],
    matches: DOB_KEYS,
    validate: (v, c) => validateDateOfBirth(v, c.today, { allowYearOnly: true }),
  },
  { matches: oneOf("aadhaar_number", "aadhar_number", "aadhaar", "aadhaar_no"), validate: validateAadhaar },
  { matches: oneOf("vid", "vid_number", "virtual_id"), validate: validateVid },
  { matches: oneOf("pan_number", "pan", "pan_no"), validate: validatePan },
  { matches: oneOf("gst_number", "gstin", "gst_no", "gstin_number"), validate: validateGstin },
  { matches: oneOf("ifsc", "ifsc_code"), validate: validateIfsc },
  { matches: oneOf("postcode", "pincode", "pin_code", "postal_code"), validate: validatePincode },
  { matches: DOB_KEYS, validate: (v, c) => validateDateOfBirth(v, c.today) },
  { matches: oneOf("issue_date", "date_of_issue"), validate: pastDate("Issue date") },
  { matches: oneOf("statement_from", "statement_to"), validate: pastDate("Statement date") },
  { matches: oneOf("invoice_date"), validate: pastDate("Invoice date") },
  { matches: oneOf("date"), validate: pastDate("Date") },
  // Expiry dates and any other date-named key may legitimately lie in the future.
  {
    matches: (key) =>
      ["valid_till", "valid_upto", "valid_until"].includes(key) ||
      key.endsWith("_date") ||
      key.startsWith("date_of_"),
    validate: validateDate,
  },
];

export function ruleFor(documentType: string, key: string): FieldRule | undefined {
  const type = documentType.toUpperCase();
  const lowerKey = key.toLowerCase();
  return FIELD_RULES.find(
    (rule) => (!rule.documentTypes || rule.documentTypes.includes(type)) && rule.matches(lowerKey),
  );
}

const MAX_DEPTH = 6;
// Certificates print "Valid Upto: NA" for registrations that do not expire; that is no value.
const NOT_APPLICABLE = /^(n\.?\s?a\.?|n\/a|nil|not applicable|-+)$/i;

function visit(
  path: string,
  key: string,
  raw: unknown,
  depth: number,
  context: RuleContext,
  out: DocumentValidation,
): void {
  const value = unwrapField(raw);
  if (depth > MAX_DEPTH) return;
  if (Array.isArray(value)) {
    value.forEach((item, i) => visit(`${path}[${i}]`, key, item, depth + 1, context, out));
    return;
  }
  if (isPlainObject(value)) {
    for (const [childKey, child] of Object.entries(value)) {
      visit(`${path}.${childKey}`, childKey, child, depth + 1, context, out);
    }
    return;
  }
  const text = scalarText(value);
  if (text !== null && NOT_APPLICABLE.test(text.trim())) return;
  const rule = text === null ? undefined : ruleFor(context.documentType, key);
  if (text !== null && rule) (out[path] ??= []).push(rule.validate(text, context));
}

/**
 * Runs the key-based validators over every field (nested objects and arrays included) and the
 * cross-field checks that apply. Fields without a validator are absent from the result; blank
 * values and "NA" are skipped (a missing value is a confidence question, not a validation failure).
 */
export function validateDocument(
  documentType: string,
  fields: Record<string, unknown>,
  options: ValidateOptions,
): DocumentValidation {
  const context: RuleContext = { today: options.today, documentType };
  const out: DocumentValidation = {};
  for (const [key, field] of Object.entries(fields)) visit(key, key, field, 0, context, out);
  for (const { paths, result } of crossFieldChecks(documentType, fields)) {
    for (const path of paths) (out[path] ??= []).push(result);
  }
  return out;
}
