/**
 * How a dropped file's bytes become text. Files arrive as Excel and LibreOffice write them:
 * UTF-8 with or without a byte-order mark, UTF-16 ("Unicode text", little-endian, usually
 * with a BOM) and Windows-1252 from older Excel versions ("CSV" on Windows).
 */
export type TextEncodingName = "UTF-8" | "UTF-16 LE" | "UTF-16 BE" | "Windows-1252";

export type DecodedText = { text: string; encoding: TextEncodingName; bom: boolean };

const SAMPLE_BYTES = 4096;

/** UTF-16 without a BOM: mostly-ASCII text has a zero byte in every other position. */
function guessUtf16(bytes: Uint8Array): "UTF-16 LE" | "UTF-16 BE" | null {
  const n = Math.min(bytes.length, SAMPLE_BYTES) & ~1;
  if (n < 2) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const pairs = n / 2;
  if (oddZeros >= pairs * 0.3 && evenZeros * 4 < oddZeros) return "UTF-16 LE";
  if (evenZeros >= pairs * 0.3 && oddZeros * 4 < evenZeros) return "UTF-16 BE";
  return null;
}

const LABELS: Record<Exclude<TextEncodingName, "Windows-1252">, string> = {
  "UTF-8": "utf-8",
  "UTF-16 LE": "utf-16le",
  "UTF-16 BE": "utf-16be",
};

// Windows-1252 is Latin-1 except 0x80–0x9F (€ ‚ ƒ „ … † ‡ ˆ ‰ Š ‹ Œ Ž ' ' " " • – — ˜ ™ š › œ ž Ÿ).
// Decoded here because some runtimes' TextDecoder treats "windows-1252" as plain Latin-1.
const CP1252_80_9F = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d,
  0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a,
  0x153, 0x9d, 0x17e, 0x178,
];

function decodeWindows1252(bytes: Uint8Array): string {
  // Browsers decode 0x80–0x9F as Windows-1252; Node as Latin-1 C1 controls, mapped here.
  return new TextDecoder("windows-1252")
    .decode(bytes)
    .replace(/[\u0080-\u009F]/g, (c) => String.fromCharCode(CP1252_80_9F[c.charCodeAt(0) - 0x80]!));
}

function decode(bytes: Uint8Array, encoding: TextEncodingName, fatal = false): string {
  if (encoding === "Windows-1252") return decodeWindows1252(bytes);
  // ignoreBOM: the BOM has been skipped already; a second one would be content.
  return new TextDecoder(LABELS[encoding], { fatal, ignoreBOM: true }).decode(bytes);
}

/** Reads a file's bytes: BOM first, then UTF-16 by its zero bytes, then strict UTF-8, else Windows-1252. */
export function decodeBytes(input: Uint8Array | ArrayBuffer): DecodedText {
  const bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: decode(bytes.subarray(3), "UTF-8"), encoding: "UTF-8", bom: true };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: decode(bytes.subarray(2), "UTF-16 LE"), encoding: "UTF-16 LE", bom: true };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: decode(bytes.subarray(2), "UTF-16 BE"), encoding: "UTF-16 BE", bom: true };
  }
  const utf16 = guessUtf16(bytes);
  if (utf16) return { text: decode(bytes, utf16), encoding: utf16, bom: false };
  try {
    return { text: decode(bytes, "UTF-8", true), encoding: "UTF-8", bom: false };
  } catch {
    return { text: decode(bytes, "Windows-1252"), encoding: "Windows-1252", bom: false };
  }
}

/** "UTF-16 LE", "UTF-8 with BOM"… for the preview's "Read as …" line. */
export function describeEncoding(decoded: Pick<DecodedText, "encoding" | "bom">): string {
  return decoded.encoding === "UTF-8" && decoded.bom ? "UTF-8 with BOM" : decoded.encoding;
}
