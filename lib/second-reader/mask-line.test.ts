/**
 * Aadhaar numbers and VIDs in OCR text: every shape OCR misreads them into shows four of their
 * characters at most, whatever the glyphs, grouping, dashes or a dropped or doubled digit; what
 * other long numbers look like (dates, amounts, phone, account and IMEI numbers, codes) stays as
 * printed; and a field value is masked as the page, so the matcher still finds it there.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_MATCH_SETTINGS, matchFields } from "./match";
import { maskLikePage, maskOcrLine } from "./mask-line";
import type { OcrLine, OcrPage } from "./types";

/** One OCR line of `text`, its words side by side (as engine.ts gives them), masked. */
function ocrLine(text: string, y = 40): OcrLine {
  let x = 20;
  const words = text.split(" ").map((w) => {
    const word = { text: w, conf: 90, page: 1, x, y, w: w.length * 12, h: 20 };
    x += w.length * 12 + 10;
    return word;
  });
  return maskOcrLine({ text, conf: 90, words, page: 1, x: 20, y, w: x - 30, h: 20 });
}

/** Glyphs OCR reads for a digit (tesseract's usual confusions). */
const MISREAD: Record<string, string[]> = {
  "0": ["O", "o", "D", "Q"],
  "1": ["l", "I", "|"],
  "2": ["Z"],
  "5": ["S"],
  "6": ["G"],
  "8": ["B"],
};

/** Characters of the masked words that still show a digit (a digit or a glyph read for one). */
const shown = (words: string[]) => words.join("").replace(/[^0-9OoDQlI|ZSGB]/g, "").length;

/**
 * An Aadhaar number (12 digits, first 2–9) or VID (16) printed in fours, then misread: up to
 * two digits read as glyphs, one digit dropped or doubled, two groups run together, dashes for
 * spaces, punctuation at the ends.
 */
const misread = fc
  .record({
    vid: fc.boolean(),
    first: fc.integer({ min: 2, max: 9 }),
    rest: fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 15, maxLength: 15 }),
    glyphs: fc.array(fc.record({ at: fc.nat(), pick: fc.nat() }), { maxLength: 2 }),
    length: fc.constantFrom("same", "drop", "double"),
    lengthAt: fc.nat(),
    join: fc.option(fc.nat(), { nil: undefined }),
    dashes: fc.boolean(),
    before: fc.constantFrom("", ":", "("),
    after: fc.constantFrom("", ",", ".", ")"),
  })
  .map((m) => {
    const digits = [String(m.first), ...m.rest.map(String)].slice(0, m.vid ? 16 : 12);
    // Groups of four, each digit with its place, before the glyphs and the length change.
    let groups = [0, 1, 2, 3].slice(0, digits.length / 4).map((g) => digits.slice(g * 4, g * 4 + 4));
    for (const { at, pick } of m.glyphs) {
      const g = groups[at % groups.length]!;
      const i = Math.floor(at / groups.length) % 4;
      const glyphs = MISREAD[g[i]!];
      if (glyphs) g[i] = glyphs[pick % glyphs.length]!;
    }
    if (m.length !== "same") {
      const g = groups[m.lengthAt % groups.length]!;
      const i = Math.floor(m.lengthAt / groups.length) % 4;
      if (m.length === "drop") g.splice(i, 1);
      else g.splice(i, 0, g[i]!);
    }
    if (m.join !== undefined) {
      const j = m.join % (groups.length - 1);
      groups = [...groups.slice(0, j), [...groups[j]!, ...groups[j + 1]!], ...groups.slice(j + 2)];
    }
    const printed = groups.map((g) => g.join(""));
    const number = m.dashes ? [printed.join("-")] : printed;
    number[0] = m.before + number[0];
    number[number.length - 1] += m.after;
    return { number, vid: m.vid };
  });

describe("maskOcrLine", () => {
  it("shows four characters at most of an Aadhaar number or VID however OCR misread it", () => {
    fc.assert(
      fc.property(misread, fc.constantFrom("", "Aadhaar No.", "VID", "आधार"), ({ number }, label) => {
        const text = [label, ...number].filter(Boolean).join(" ");
        const line = ocrLine(text);
        const numberWords = line.words.slice(line.words.length - number.length).map((w) => w.text);
        expect(shown(numberWords), `${text} → ${line.text}`).toBeLessThanOrEqual(4);
        // The line's text is its words (the browser shows both).
        expect(shown(line.text.split(" ").slice(-number.length))).toBeLessThanOrEqual(4);
        // Masking again changes nothing: stored reads are re-masked at start.
        expect(maskOcrLine(line)).toEqual(line);
      }),
      { numRuns: 2000 },
    );
  });

  it("shows four at most with a label run into its first group or a short number beside it", () => {
    fc.assert(
      fc.property(
        misread,
        fc.constantFrom("No:", "No.", "VID:", "आधार:", "Aadhaar#"),
        fc.option(fc.integer({ min: 1, max: 999 }), { nil: undefined }),
        fc.option(fc.integer({ min: 1, max: 999_999 }), { nil: undefined }),
        fc.boolean(),
        ({ number }, label, before, after, glued) => {
          const printed = glued ? [label + number[0]!, ...number.slice(1)] : number;
          const text = [before, ...printed, after].filter((w) => w !== undefined).join(" ");
          const line = ocrLine(text);
          const at = before === undefined ? 0 : 1;
          const numberWords = line.words.slice(at, at + number.length).map((w) => w.text);
          if (glued) numberWords[0] = numberWords[0]!.slice(label.length);
          expect(shown(numberWords), `${text} → ${line.text}`).toBeLessThanOrEqual(4);
          if (glued) expect(line.words[at]!.text.startsWith(label)).toBe(true);
          expect(maskOcrLine(line)).toEqual(line);
        },
      ),
      { numRuns: 2000 },
    );
    for (const [page, masked] of [
      ["No:2345 6789 O123", "No:XXXX XXXX O123"],
      ["VID:9123 4567 89O1 2345", "VID:XXXX XXXX XXXX 2345"],
      ["12 2345 6789 O123", "12 XXXX XXXX O123"],
      ["2345 6789 O123 560001", "XXXX XXXX O123 560001"],
      // A digit doubled, a number beside it: either twelve could be the Aadhaar number.
      ["22000 0000 0000 10000", "XXXXX XXXX XXXX X0000"],
    ])
      expect(ocrLine(page!).text).toBe(masked);
  });

  it("the shapes found before: a VID with a digit dropped, dashes, two groups run together", () => {
    for (const [page, masked] of [
      ["VID 9123 4567 8901 234", "VID XXXX XXXX XXX1 234"],
      ["2345-6789-O123", "XXXX-XXXX-O123"],
      ["23456789 012", "XXXXXXX9 012"],
      ["XXXX XXXX 9O12 345", "XXXX XXXX XXX2 345"],
      // A VID's first group with two glyphs, the next two run together (a clean Aadhaar shape).
      ["ZO00 20000000 0000", "XXXX XXXXXXXX 0000"],
      ["9l2S 45678901 2345", "XXXX XXXXXXXX 2345"],
    ]) {
      const line = ocrLine(page!);
      expect(line.text).toBe(masked);
      expect(line.words.map((w) => w.text).join(" ")).toBe(masked);
    }
  });

  it("leaves dates, amounts, phone, account and IMEI numbers and codes as printed", () => {
    const digits = (min: number, max: number) =>
      fc
        .array(fc.integer({ min: 0, max: 9 }), { minLength: min, maxLength: max })
        .map((d) => [1 + (d[0]! % 9), ...d.slice(1)].join(""));
    const token = fc.oneof(
      // Dates: 16/07/1986, 16-07-1986, 16.07.1986.
      fc
        .tuple(
          fc.integer({ min: 1, max: 28 }),
          fc.integer({ min: 1, max: 12 }),
          fc.integer({ min: 1950, max: 2030 }),
        )
        .chain(([d, m, y]) =>
          fc
            .constantFrom("/", "-", ".")
            .map((s) => [d, m].map((n) => String(n).padStart(2, "0")).join(s) + s + y),
        ),
      // Amounts with Indian grouping.
      fc.integer({ min: 1000, max: 99_99_99_999 }).map((n) => `₹${n.toLocaleString("en-IN")}.00`),
      // A phone number, an account number (not 12 or 16 digits: those are masked like Aadhaar),
      // an IMEI: one word each.
      digits(10, 10),
      fc.oneof(digits(9, 11), digits(13, 15), digits(17, 18)),
      // PAN, GSTIN, IFSC, words.
      fc.constantFrom("ABCPK1234D", "27AABCU9603R1ZM", "SBIN0001234", "NEFT", "Balance", "SOIL", "BOX"),
    );
    fc.assert(
      fc.property(fc.array(token, { minLength: 1, maxLength: 4 }), (tokens) => {
        // Two long numbers side by side are one run of 19+ characters: never an Aadhaar number.
        const text = tokens.join(" ");
        expect(ocrLine(text).text).toBe(text);
      }),
      { numRuns: 1000 },
    );
  });
});

describe("maskLikePage", () => {
  it("masks a field value as the page it is looked for on, so the matcher still finds it", () => {
    fc.assert(
      fc.property(misread, ({ number }) => {
        const value = number.join(" ");
        const page: OcrPage = { page: 1, width: 800, height: 400, lines: [ocrLine(`Number ${value}`)] };
        const evidence = matchFields([{ path: "aadhaar_number", value }], [page], DEFAULT_MATCH_SETTINGS).get(
          "aadhaar_number",
        )!;
        expect(maskLikePage(value)).toBe(page.lines[0]!.text.slice("Number ".length));
        expect(evidence, `${value} → ${page.lines[0]!.text}`).toMatchObject({
          status: "found",
          flagged: false,
        });
      }),
      { numRuns: 300 },
    );
  });
});
