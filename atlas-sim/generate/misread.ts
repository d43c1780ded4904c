import type { Rng } from "./random";

/** A value Atlas "read" wrong at high confidence while the scan prints the truth. */
export interface Misread {
  field: string;
  kind: "digit_swap" | "misspelt";
  printed: string;
  extracted: string;
}

// Derived by Atlas or kept for the demo's masked copy: not printed, or Verhoeff's job (Aadhaar).
const NOT_CANDIDATES = /^(document_type|formatted_address|document_quality_flag)$|aadhaar|vid|uid/i;

/** Two adjacent different digits swapped ("ABCPK1234F" → "ABCPK1324F"), or null when there are none. */
function swapDigits(value: string, rng: Rng): string | null {
  const spots: number[] = [];
  for (let i = 0; i + 1 < value.length; i++)
    if (/\d/.test(value[i]!) && /\d/.test(value[i + 1]!) && value[i] !== value[i + 1]) spots.push(i);
  if (spots.length === 0) return null;
  const i = rng.pick(spots);
  return value.slice(0, i) + value[i + 1] + value[i] + value.slice(i + 2);
}

const VOWELS = "AEIOU";

/** One letter of a word of 4+ letters changed the way names get misspelt (a vowel for another, a doubled letter). */
function misspell(value: string, rng: Rng): string | null {
  const words = [...value.matchAll(/[A-Za-z]{4,}/g)];
  if (words.length === 0 || /\d/.test(value)) return null;
  const word = rng.pick(words);
  const start = word.index!;
  const text = word[0];
  const vowelAt = [...text].flatMap((c, i) => (i > 0 && VOWELS.includes(c.toUpperCase()) ? [i] : []));
  let changed: string;
  if (vowelAt.length > 0 && rng.chance(0.6)) {
    const i = rng.pick(vowelAt);
    const others = VOWELS.replace(text[i]!.toUpperCase(), "");
    const next = rng.pick([...others]);
    changed =
      text.slice(0, i) + (text[i] === text[i]!.toLowerCase() ? next.toLowerCase() : next) + text.slice(i + 1);
  } else {
    const i = rng.int(1, text.length - 2);
    changed = text.slice(0, i) + text[i] + text.slice(i); // a doubled letter
  }
  return value.slice(0, start) + changed + value.slice(start + text.length);
}

/**
 * Plants one misread into `fileData` (in place) and returns it, or null when no field fits: a
 * printed scalar field, a digit swapped in an identifier or date, or a letter changed in a name.
 * The confidence is set high (0.97): the point is a wrong value Atlas is sure about.
 */
export function plantMisread(fileData: Record<string, unknown>, rng: Rng): Misread | null {
  const candidates = Object.entries(fileData).filter(
    ([key, field]) =>
      !NOT_CANDIDATES.test(key) &&
      typeof field === "object" &&
      field !== null &&
      typeof (field as { value?: unknown }).value === "string",
  );
  const options = candidates.flatMap(([key, field]) => {
    const printed = (field as { value: string }).value;
    const swapped = swapDigits(printed, rng);
    const misspelt = misspell(printed, rng);
    return [
      ...(swapped ? [{ field: key, kind: "digit_swap" as const, printed, extracted: swapped }] : []),
      ...(misspelt ? [{ field: key, kind: "misspelt" as const, printed, extracted: misspelt }] : []),
    ];
  });
  if (options.length === 0) return null;
  const misread = rng.pick(options);
  const field = fileData[misread.field] as Record<string, unknown>;
  fileData[misread.field] = { ...field, value: misread.extracted, confidence_score: 0.97 };
  return misread;
}
