/**
 * Aadhaar numbers (and 16-digit VIDs) are shown masked everywhere by default: pages, JSON
 * responses, exports, logs and the audit trail. UIDAI allows the last four digits to be shown.
 * One walker (`maskTree`) serves all of them; pure, used by client and server code alike.
 */
import { fieldKey } from "@/lib/fields/key";
import { GROUP_SEPARATOR_CLASS, asciiDigits } from "@/lib/text/digits";

const MASK = "X";
const REDACTED = "[redacted]";

const AADHAAR_KEYS = new Set(["aadhaar_number", "aadhar_number", "aadhaar", "aadhaar_no", "aadhaar_uid"]);
const VID_KEYS = new Set(["vid", "vid_number", "virtual_id"]);

// Twelve (Aadhaar) or sixteen (VID) digits of any script (ASCII, Devanagari, Bengali, Tamil…)
// in groups of four, the groups separated by up to eight characters of any kind of space, tab,
// newline, dash, dot, slash or invisible format character (a wrapped, indented line: `\n    `) — or by nothing — and not part of a
// longer number. Invalid check digits match too: a misread Aadhaar is still personal data.
const D = "\\p{Nd}";
const GAP = `[${GROUP_SEPARATOR_CLASS}]{0,8}`;
const GROUP = `${D}{4}`;
// OCR of letter-spaced print also yields one digit per group: "2 3 4 5 6 7 8 9 0 1 2 4".
const SPACED = `${D}(?:[${GROUP_SEPARATOR_CLASS}]{1,2}${D}){11}(?:(?:[${GROUP_SEPARATOR_CLASS}]{1,2}${D}){4})?`;
const NUMBER_IN_TEXT = new RegExp(
  `(?<!${D})(?:${GROUP}${GAP}${GROUP}${GAP}${GROUP}(?:${GAP}${GROUP})?|${SPACED})(?!${D})`,
  "gu",
);

// Long numbers that are not Aadhaar and that reviewers need to read in full (pages, exports).
const NOT_AADHAAR_KEYS = new Set([
  "account_number",
  "imei_number",
  "imei",
  "invoice_number",
  "mobile",
  "phone",
]);

const HEX_RUN = /[0-9A-Fa-f-]/;

/**
 * True when a digit run lies inside a long hexadecimal token (a UUID such as
 * `…-a716-446655440000`, a hash): those are identifiers of ours, not Aadhaar numbers.
 */
function insideHexToken(text: string, start: number, end: number): boolean {
  let from = start;
  let to = end;
  while (from > 0 && HEX_RUN.test(text[from - 1]!)) from--;
  while (to < text.length && HEX_RUN.test(text[to]!)) to++;
  const token = text.slice(from, to);
  return (
    token.replace(/-/g, "").length >= 32 &&
    /[A-Fa-f]/.test(token) &&
    /^[0-9A-Fa-f-]+$/.test(text.slice(start, end))
  );
}

function maskedForm(digits: string): string {
  const last4 = digits.slice(-4);
  return digits.length === 16 ? `XXXX XXXX XXXX ${last4}` : `XXXX XXXX ${last4}`;
}

/**
 * A whole Aadhaar (or VID) value masked: `XXXX XXXX 1234` (`XXXX XXXX XXXX 1234` for a VID),
 * whatever its separators or digit script. Anything else keeps only its last four digits, every
 * other digit (of any script) becoming X.
 */
export function maskAadhaar(value: string): string {
  const compacted = asciiDigits(value).replace(new RegExp(`[${GROUP_SEPARATOR_CLASS}]+`, "gu"), "");
  if (/^(\d{12}|\d{16})$/.test(compacted)) return maskedForm(compacted);
  if (/^[Xx*•]{8}\d{4}$/.test(compacted)) return maskedForm(`00000000${compacted.slice(8)}`);
  if (/^[Xx*•]{12}\d{4}$/.test(compacted)) return maskedForm(`000000000000${compacted.slice(12)}`);
  let keep = 4;
  const chars = [...value];
  for (let i = chars.length - 1; i >= 0; i--) {
    if (!/\p{Nd}/u.test(chars[i]!)) continue;
    if (keep > 0) keep--;
    else chars[i] = MASK;
  }
  return chars.join("");
}

/**
 * Masks every Aadhaar-like number (12 digits, first 2–9) and every 16-digit VID-like number in
 * free text, grouped 4-4-4(-4) by any separators or none, in any digit script.
 */
export function maskAadhaarInText(text: string): string {
  if (!/\p{Nd}/u.test(text)) return text;
  return text.replace(NUMBER_IN_TEXT, (match: string, offset: number) => {
    const digits = asciiDigits(match).replace(/\D/g, "");
    if (digits.length === 12 && (digits[0] === "0" || digits[0] === "1")) return match;
    if (insideHexToken(text, offset, offset + match.length)) return match;
    return maskedForm(digits);
  });
}

/**
 * True for a field holding an Aadhaar number or VID: `aadhaar_number` or `vid` on any document
 * type (paths like `aadhaar_number.value` or `applicants[0].aadhaar_number` included), or `uid`
 * on an AADHAAR card.
 */
/**
 * Whether Atlas's document type names an Aadhaar card in any spelling it may use: "AADHAAR",
 * "aadhaar", "Aadhaar Card", "AADHAAR_FRONT", "E_AADHAAR", "MASKED-AADHAAR"… (types are stored as
 * Atlas sends them). Its scan prints the number whether or not a number field was extracted.
 */
export function isAadhaarDocumentType(documentType: string | null | undefined): boolean {
  return !!documentType && /aadhaa?r|uidai/i.test(documentType);
}

export function isAadhaarField(documentType: string, path: string): boolean {
  const key = fieldKey(path);
  if (key === "uid" || key === "uid_number") return isAadhaarDocumentType(documentType);
  return AADHAAR_KEYS.has(key) || VID_KEYS.has(key);
}

// "passport" must not match, hence no bare "pass".
const SECRET_KEY = /password|passwd|passphrase|secret|token|authori[sz]ation|api[-_]?key|cookie|credential/i;

// Pre-signed URLs are bearer credentials: anyone holding one can read the document. Every
// scheme the batch form reads: S3 SigV4/SigV2, CloudFront, GCS V4/V2, Azure SAS (`sig`), Alibaba
// OSS V4/V1, Tencent COS, and OAuth-style tokens.
const SECRET_URL_PARAM =
  /([?&](?:X-Amz-Signature|X-Amz-Credential|X-Amz-Security-Token|X-Goog-Signature|X-Goog-Credential|x-oss-signature|x-oss-credential|x-oss-security-token|q-signature|q-ak|x-cos-security-token|Signature|sig|GoogleAccessId|OSSAccessKeyId|AWSAccessKeyId|Key-Pair-Id|Policy|access_token|token|sas_token|code)=)[^&\s"'#]*/gi;

// A password in a URL's user part: postgres://user:secret@host, redis://:secret@host; up to the
// last "@" before the path or query (an "@" in the password: postgres://user:p@ss@host).
const URL_USERINFO_SECRET = /(\b[a-z][a-z0-9+.-]*:\/\/[^\s/:@]*:)[^\s/?#]+@/gi;
// A secret written as key=value in a message ("password=hunter2", a libpq connection string,
// "ATLAS_CLIENT_SECRET=abc"). Not "key: value": that is how validation messages name a setting
// ("ATLAS_CLIENT_SECRET: Required").
// An unquoted value ends at white space; a ",", ";" or ")" inside it is part of it (a libpq
// password "ab;cd"), one at its end is the message's.
const SECRET_PAIR =
  /\b(\w*?(?:password|passwd|pwd|passphrase|secret|token|api[-_]?key|access[-_]?key)\s*=\s*)("[^"]*"|'[^']*'|[^\s&"']*[^\s&"',;)])/gi;
// The same as a JSON member quoted in a message: {"password":"hunter2"}, "client_secret": "…".
const SECRET_JSON_MEMBER = new RegExp(
  `("[^"]*?(?:${SECRET_KEY.source})[^"]*"\\s*:\\s*)"(?:[^"\\\\]|\\\\.)*"`,
  "gi",
);

function redactSecretsInText(text: string): string {
  return text
    .replace(SECRET_URL_PARAM, `$1${REDACTED}`)
    .replace(URL_USERINFO_SECRET, `$1${REDACTED}@`)
    .replace(SECRET_PAIR, `$1${REDACTED}`)
    .replace(SECRET_JSON_MEMBER, `$1"${REDACTED}"`)
    .replace(/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/g, `$1 ${REDACTED}`);
}

type MaskMode = {
  /** Logs: secret-named keys, URL signatures and bearer tokens are redacted too. */
  secrets: boolean;
  /** Pages and exports: account numbers, IMEIs, phone numbers stay readable. Never in logs. */
  readableKeys: boolean;
  /** Every string under an Aadhaar key is masked whole, not only its `value`. */
  wholeSubtree: boolean;
};

/** A number that prints as 12 digits starting 2–9, or as 16 digits. */
function looksLikeAadhaarNumber(value: number | bigint): boolean {
  const text = value.toString();
  return /^[2-9]\d{11}$/.test(text) || /^\d{16}$/.test(text);
}

/**
 * The one walker. `key` is the nearest field name (a `value` wrapper inherits its parent's);
 * `whole` means the value sits under an Aadhaar/VID key, so any number in it is masked whole.
 */
function maskTree(
  value: unknown,
  key: string,
  whole: boolean,
  mode: MaskMode,
  ancestors: Set<object>,
): unknown {
  const readable = mode.readableKeys && NOT_AADHAAR_KEYS.has(key);
  if (typeof value === "string") {
    if (whole) return maskAadhaar(value);
    const masked = readable ? value : maskAadhaarInText(value);
    return mode.secrets ? redactSecretsInText(masked) : masked;
  }
  if (typeof value === "number" || typeof value === "bigint") {
    if (whole) return maskAadhaar(value.toString());
    return !readable && looksLikeAadhaarNumber(value) ? maskAadhaar(value.toString()) : value;
  }
  if (typeof value === "function") return mode.secrets ? "[function]" : value;
  if (typeof value !== "object" || value === null) return value;
  if (ancestors.has(value)) return "[circular]";
  if (value instanceof Date) return new Date(value.getTime());
  if (value instanceof Error) {
    const plain = { name: value.name, message: value.message, stack: value.stack };
    return maskTree(plain, key, false, mode, ancestors);
  }
  ancestors.add(value);
  let copy: unknown;
  if (Array.isArray(value)) {
    copy = value.map((item) => maskTree(item, key, whole, mode, ancestors));
  } else {
    const entries = Object.entries(value).map(([k, child]): [string, unknown] => {
      if (mode.secrets && SECRET_KEY.test(k)) return [k, REDACTED];
      const lower = k.toLowerCase();
      const childKey = lower === "value" ? key : lower;
      const childWhole =
        AADHAAR_KEYS.has(lower) || VID_KEYS.has(lower) || (whole && (mode.wholeSubtree || lower === "value"));
      return [k, maskTree(child, childKey, childWhole, mode, ancestors)];
    });
    copy = Object.fromEntries(entries);
  }
  ancestors.delete(value);
  return copy;
}

const FOR_DISPLAY: MaskMode = { secrets: false, readableKeys: true, wholeSubtree: true };
const FOR_LOG: MaskMode = { secrets: true, readableKeys: false, wholeSubtree: false };
const FOR_RECORD: MaskMode = { secrets: false, readableKeys: false, wholeSubtree: false };

/**
 * A field value made safe to display or export: Aadhaar/VID fields masked whole (numbers
 * included), and Aadhaar-like numbers masked inside any other text, e.g. an address that
 * quotes one. Account numbers, IMEIs and phone numbers stay readable.
 */
export function maskFieldValue(documentType: string, path: string, value: unknown): unknown {
  return maskTree(value, fieldKey(path), isAadhaarField(documentType, path), FOR_DISPLAY, new Set());
}

/**
 * A deep copy with every Aadhaar/VID-like number masked, whatever the key (no exceptions for
 * account numbers): for JSON responses and the audit trail.
 */
export function maskDeep(value: unknown): unknown {
  return maskTree(value, "", false, FOR_RECORD, new Set());
}

/**
 * A deep copy safe to log: secret-named keys (password, secret, token, client_secret,
 * authorization, api key, cookie) become "[redacted]", as do signatures in pre-signed URLs,
 * passwords in URLs (`postgres://user:…@host`), `password=…`-style pairs and bearer tokens in
 * text; Aadhaar numbers and VIDs are masked to their last four digits.
 */
export function redactForLog(value: unknown): unknown {
  return maskTree(value, "", false, FOR_LOG, new Set());
}

/**
 * A short masked rendering of any value (audit pages): masked first, then cut to `max`
 * characters, since cutting first could split a number and leave eight of its digits visible.
 */
export function maskedBrief(value: unknown, max = 300): string {
  if (value === null || value === undefined) return "";
  const masked = maskDeep(value);
  const text = typeof masked === "string" ? masked : JSON.stringify(masked);
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
