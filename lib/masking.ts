/**
 * Aadhaar numbers are shown masked (XXXX XXXX 1234) everywhere by default: pages, exports, logs.
 * UIDAI allows the last four digits to be displayed. Pure: used by client and server code alike.
 */

const MASK = "X";
const REDACTED = "[redacted]";

const AADHAAR_KEYS = new Set(["aadhaar_number", "aadhar_number", "aadhaar", "aadhaar_no"]);

// Twelve digits, first 2–9, optionally grouped 4-4-4 by one space or hyphen, not part of a
// longer number. Matches invalid check digits too: a misread Aadhaar is still personal data.
const AADHAAR_IN_TEXT = /(?<![\d])[2-9]\d{3}([ -]?)\d{4}\1\d{4}(?![\d])/g;

// Long numbers that are not Aadhaar and that reviewers need to read in full.
const NOT_AADHAAR_KEYS = new Set([
  "account_number",
  "imei_number",
  "imei",
  "invoice_number",
  "mobile",
  "phone",
]);

/** `XXXX XXXX 1234`. Anything else keeps only its last four digits, every other digit becoming X. */
export function maskAadhaar(value: string): string {
  const compacted = value.replace(/[\s-]+/g, "");
  if (/^(\d{12}|[Xx*•]{8}\d{4})$/.test(compacted))
    return `${MASK.repeat(4)} ${MASK.repeat(4)} ${compacted.slice(8)}`;
  let keep = 4;
  const chars = [...value];
  for (let i = chars.length - 1; i >= 0; i--) {
    if (!/\d/.test(chars[i]!)) continue;
    if (keep > 0) keep--;
    else chars[i] = MASK;
  }
  return chars.join("");
}

/** Masks every Aadhaar-like 12-digit sequence (plain or 4-4-4 grouped) inside free text. */
export function maskAadhaarInText(text: string): string {
  return text.replace(AADHAAR_IN_TEXT, (match) => maskAadhaar(match));
}

function lastKey(path: string): string {
  const segments = path.split(/[.[\]]+/).filter((s) => s !== "" && s !== "value" && !/^\d+$/.test(s));
  return (segments.at(-1) ?? "").toLowerCase();
}

/**
 * True for a field holding an Aadhaar number: `aadhaar_number` on any document type (paths like
 * `aadhaar_number.value` or `applicants[0].aadhaar_number` included), or `uid` on an AADHAAR card.
 */
export function isAadhaarField(documentType: string, path: string): boolean {
  const key = lastKey(path);
  if (key === "uid" || key === "uid_number") return documentType.toUpperCase() === "AADHAAR";
  return AADHAAR_KEYS.has(key);
}

function mapStrings(value: unknown, fn: (text: string, key: string) => string, key: string): unknown {
  if (typeof value === "string") return fn(value, key);
  if (Array.isArray(value)) return value.map((item) => mapStrings(item, fn, key));
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, mapStrings(v, fn, k === "value" ? key : k)]),
    );
  }
  return value;
}

/**
 * A field value made safe to display or export: Aadhaar fields masked whole (numbers included),
 * and Aadhaar-like numbers masked inside any other text, e.g. an address that quotes one.
 */
export function maskFieldValue(documentType: string, path: string, value: unknown): unknown {
  if (isAadhaarField(documentType, path)) {
    if (typeof value === "number" || typeof value === "bigint") return maskAadhaar(String(value));
    return mapStrings(value, maskAadhaar, "");
  }
  return mapStrings(
    value,
    (text, key) => (NOT_AADHAAR_KEYS.has(key.toLowerCase()) ? text : maskAadhaarInText(text)),
    lastKey(path),
  );
}

// "passport" must not match, hence no bare "pass".
const SECRET_KEY = /password|passwd|passphrase|secret|token|authori[sz]ation|api[-_]?key|cookie|credential/i;

// Pre-signed URLs are bearer credentials: anyone holding one can read the document.
const SECRET_URL_PARAM =
  /([?&](?:X-Amz-Signature|X-Amz-Credential|X-Amz-Security-Token|Signature|AWSAccessKeyId|Key-Pair-Id|access_token|token)=)[^&\s"'#]*/gi;

function redactText(text: string): string {
  return maskAadhaarInText(text)
    .replace(SECRET_URL_PARAM, `$1${REDACTED}`)
    .replace(/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/g, `$1 ${REDACTED}`);
}

/** `inAadhaar`: the value sits under an Aadhaar key, so any number in it is masked whole. */
function redact(value: unknown, ancestors: Set<object>, inAadhaar: boolean): unknown {
  if (typeof value === "string") return inAadhaar ? maskAadhaar(value) : redactText(value);
  if (typeof value === "number" || typeof value === "bigint")
    return inAadhaar ? maskAadhaar(String(value)) : value;
  if (typeof value === "function") return "[function]";
  if (typeof value !== "object" || value === null) return value;
  if (ancestors.has(value)) return "[circular]";
  if (value instanceof Date) return new Date(value.getTime());
  if (value instanceof Error) {
    return redact({ name: value.name, message: value.message, stack: value.stack }, ancestors, false);
  }
  ancestors.add(value);
  let copy: unknown;
  if (Array.isArray(value)) {
    copy = value.map((item) => redact(item, ancestors, inAadhaar));
  } else {
    const entries = Object.entries(value).map(([key, child]): [string, unknown] => {
      if (SECRET_KEY.test(key)) return [key, REDACTED];
      const aadhaarChild = AADHAAR_KEYS.has(key.toLowerCase()) || (inAadhaar && key === "value");
      return [key, redact(child, ancestors, aadhaarChild)];
    });
    copy = Object.fromEntries(entries);
  }
  ancestors.delete(value);
  return copy;
}

/**
 * A deep copy safe to log: secret-named keys (password, secret, token, client_secret,
 * authorization, api key, cookie) become "[redacted]", as do signatures in pre-signed URLs and
 * bearer tokens in text; Aadhaar numbers are masked to their last four digits.
 */
export function redactForLog(value: unknown): unknown {
  return redact(value, new Set(), false);
}
