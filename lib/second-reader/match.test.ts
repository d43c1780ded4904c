import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { maskOcrLine } from "./mask-line";
import { DEFAULT_MATCH_SETTINGS, matchFields } from "./match";
import type { OcrLine, OcrPage } from "./types";

/** A page laid out like a card: one line per "Label value", words 12 px per character apart. */
function page(lines: string[], conf = 92): OcrPage {
  const ocrLines: OcrLine[] = lines.map((text, i) => {
    let x = 20;
    const y = 40 + i * 30;
    const words = text.split(" ").map((w) => {
      const word = { text: w, conf, page: 1, x, y, w: w.length * 12, h: 20 };
      x += w.length * 12 + 10;
      return word;
    });
    return { text, conf, words, page: 1, x: 20, y, w: x - 30, h: 20 };
  });
  return { page: 1, width: 800, height: 600, lines: ocrLines };
}

const card = page([
  "Permanent Account Number Card",
  "Name RAVI KUMAR SHARMA",
  "Father's Name MOHAN LAL SHARMA",
  "Date of Birth 16-07-1986",
  "PAN ABCPK1234D",
  "Total ₹1,50,000.00",
  "Aadhaar XXXX XXXX 0127",
]);

const match = (path: string, value: unknown, p = card) => matchFields([{ path, value }], [p]).get(path)!;

describe("matchFields", () => {
  it("finds values printed in another form and boxes exactly their words", () => {
    const pan = match("pan_number", "ABCPK1234D");
    expect(pan).toMatchObject({ status: "found", score: 1, flagged: false });
    expect(pan.boxes).toEqual([{ page: 1, x: 66, y: 160, w: 120, h: 20 }]);
    expect(match("date_of_birth", "16/07/1986").status).toBe("found");
    expect(match("date_of_birth", "16 Jul 1986").status).toBe("found");
    expect(match("total", 150000).status).toBe("found");
    expect(match("name", "Ravi Kumar Sharma").status).toBe("found");
  });

  it("compares Aadhaar numbers masked, as the page text is stored", () => {
    expect(match("aadhaar_number", "2345 6789 0127").status).toBe("found");
  });

  it("flags an identifier the page prints differently, with the page's reading", () => {
    const pan = match("pan_number", "ABCPK1243D");
    expect(pan).toMatchObject({ status: "disagrees", reading: "ABCPK1234D", flagged: true });
    expect(match("date_of_birth", "16/07/1968")).toMatchObject({ status: "disagrees", flagged: true });
  });

  it("flags a misspelt name but tolerates OCR noise", () => {
    expect(match("name", "RAVI KUMRA SHARMA")).toMatchObject({
      status: "disagrees",
      reading: "RAVI KUMAR SHARMA",
    });
    // OCR unsure of the one word that differs: noise, the page agrees.
    const noisy = page(["Name RAVI KUMAR SHARNA"]);
    noisy.lines[0]!.words[3]!.conf = 41;
    expect(match("name", "RAVI KUMAR SHARMA", noisy)).toMatchObject({ status: "found", flagged: false });
    // Sure of it: the page reads something else.
    const sure = page(["Name RAVI KUMAR SHARNA"]);
    expect(match("name", "RAVI KUMAR SHARMA", sure)).toMatchObject({ status: "disagrees", flagged: true });
  });

  it("takes glyphs OCR confuses (0/O, 1/I, 5/S, 8/B) for the same character", () => {
    const confused = page(["PAN PIZP16146K", "Code 5B0O"]);
    expect(match("pan_number", "PIZPI6146K", confused)).toMatchObject({ status: "found", flagged: false });
    expect(match("pan_number", "PIZPI6164K", confused)).toMatchObject({ status: "disagrees", flagged: true });
  });

  it("says not found, and flags it only when the page was read confidently", () => {
    expect(match("gstin", "27AAPFU0939F1ZV")).toMatchObject({
      status: "not_found",
      flagged: true,
      boxes: [],
    });
    const faint = page(["Name RAVI KUMAR"], 40);
    expect(match("gstin", "27AAPFU0939F1ZV", faint)).toMatchObject({ status: "not_found", flagged: false });
    const quiet = matchFields([{ path: "g", value: "27AAPFU0939F1ZV" }], [card], {
      ...DEFAULT_MATCH_SETTINGS,
      flagMissing: false,
    });
    expect(quiet.get("g")!.flagged).toBe(false);
  });

  it("does not look for tables, objects or empty values", () => {
    expect(match("rows", [{ a: 1 }]).status).toBe("not_matched");
    expect(match("blank", "  ").status).toBe("not_matched");
  });

  it("does not look for what Atlas derives instead of reading: quality flag, document type, normalised address", () => {
    // Not on the card: a field under any other key is sent to review as missing.
    expect(match("remarks", "photo_of_photo")).toMatchObject({ status: "not_found", flagged: true });
    for (const path of ["document_quality_flag", "document_type", "formatted_address.city"])
      expect(match(path, "photo_of_photo")).toMatchObject({ status: "not_matched", flagged: false });
  });

  it("finds a value whose digits the page's masking hid, printed in another form; a different one is not", () => {
    // A landline printed with dashes is masked like an Aadhaar number with a digit dropped.
    const masked = page([maskOcrLine(page(["Tel 022-2345-6789"]).lines[0]!).text]);
    expect(masked.lines[0]!.text).toBe("Tel XXX-XXXX-6789");
    expect(match("phone", "02223456789", masked)).toMatchObject({ status: "found", flagged: false });
    expect(match("phone", "022 2345 6789", masked)).toMatchObject({ status: "found", flagged: false });
    expect(match("phone", "02223456780", masked).status).not.toBe("found");
    expect(match("phone", "0222345678", masked).status).not.toBe("found");
  });

  it("takes a reading the field's check refuses, of a value it accepts, for OCR noise (PAN, property)", () => {
    // The official PAN shape (Income Tax Department): 3 letters, the holder type, a letter, 4 digits, a letter.
    const pan = fc
      .tuple(
        fc.stringMatching(/^[A-Z]{3}$/),
        fc.constantFrom(..."ABCFGHLJPT"),
        fc.stringMatching(/^[A-Z]$/),
        fc.stringMatching(/^[0-9]{4}$/),
        fc.stringMatching(/^[A-Z]$/),
      )
      .map((parts) => parts.join(""));
    const fields = (value: string) => [{ path: "pan_number", value }];
    fc.assert(
      fc.property(pan, fc.nat(10), fc.constantFrom("O", "0", "I", "1"), (value, at, extra) => {
        // OCR read one character more: eleven characters are no PAN, the page prints the value.
        const reading = value.slice(0, at) + extra + value.slice(at);
        const p = page([`Permanent Account Number ${reading}`]);
        const withType = matchFields(fields(value), [p], DEFAULT_MATCH_SETTINGS, "PAN").get("pan_number")!;
        expect(withType).toMatchObject({ status: "found", flagged: false, reading: null });
      }),
    );
    fc.assert(
      fc.property(pan, fc.integer({ min: 5, max: 7 }), (value, at) => {
        // Two digits swapped: still a PAN, and another one — the page disagrees, whatever the type.
        fc.pre(value[at] !== value[at + 1]);
        const reading = value.slice(0, at) + value[at + 1] + value[at] + value.slice(at + 2);
        const p = page([`Permanent Account Number ${reading}`]);
        const withType = matchFields(fields(value), [p], DEFAULT_MATCH_SETTINGS, "PAN").get("pan_number")!;
        expect(withType).toMatchObject({ status: "disagrees", flagged: true, reading });
      }),
    );
    // A value its own check refuses is not excused: the page reads a PAN, Atlas did not.
    const wrong = matchFields(
      fields("CHIPK044AV"),
      [page(["PAN CHIPK0440V"])],
      DEFAULT_MATCH_SETTINGS,
      "PAN",
    );
    expect(wrong.get("pan_number")).toMatchObject({ flagged: true, reading: "CHIPK0440V" });
  });

  it("always finds a value printed verbatim in a line among others (property)", () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[A-Z]{3,8}( [A-Z]{3,8}){0,2}$/),
        fc.array(fc.stringMatching(/^[a-z]{2,6}$/), { maxLength: 3 }),
        (value, noise) => {
          const p = page(["Header line", [...noise, value].join(" "), "Footer 123"]);
          const found = match("v", value, p);
          expect(found.status).toBe("found");
          expect(found.flagged).toBe(false);
        },
      ),
    );
  });
});
