import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LONG_MONTHS as FULL, MONTHS } from "./month-names.test-fixture";
import { maskOcrLine } from "./mask-line";
import { boxOnPage, evidenceSentence, pagesOf, pickedText, pickFromLine } from "./overlay";
import type { FieldEvidence } from "./types";

/**
 * The reference for turning a box: rotate its four corners by the angle (cos/sin, clockwise on
 * screen, y pointing down) about the page's top-left corner, shift the turned page back into
 * the positive quadrant, and take the corners' bounding box.
 */
function turnedByMatrix(
  box: { x: number; y: number; w: number; h: number },
  page: { width: number; height: number },
  degrees: number,
) {
  const a = (degrees * Math.PI) / 180;
  const [cos, sin] = [Math.round(Math.cos(a)), Math.round(Math.sin(a))];
  const turn = ([x, y]: [number, number]): [number, number] => [x * cos - y * sin, x * sin + y * cos];
  const pageCorners = (
    [
      [0, 0],
      [page.width, 0],
      [0, page.height],
      [page.width, page.height],
    ] as [number, number][]
  ).map(turn);
  const minX = Math.min(...pageCorners.map((c) => c[0]));
  const minY = Math.min(...pageCorners.map((c) => c[1]));
  const turnedW = Math.max(...pageCorners.map((c) => c[0])) - minX;
  const turnedH = Math.max(...pageCorners.map((c) => c[1])) - minY;
  const corners = (
    [
      [box.x, box.y],
      [box.x + box.w, box.y],
      [box.x, box.y + box.h],
      [box.x + box.w, box.y + box.h],
    ] as [number, number][]
  )
    .map(turn)
    .map(([x, y]) => [x - minX, y - minY]);
  const left = Math.min(...corners.map((c) => c[0]!));
  const top = Math.min(...corners.map((c) => c[1]!));
  return {
    left: (100 * left) / turnedW,
    top: (100 * top) / turnedH,
    width: (100 * (Math.max(...corners.map((c) => c[0]!)) - left)) / turnedW,
    height: (100 * (Math.max(...corners.map((c) => c[1]!)) - top)) / turnedH,
  };
}

describe("boxOnPage", () => {
  it("places a box as the rotation matrix does, for every quarter turn", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 10, max: 4000 }),
        fc.integer({ min: 10, max: 4000 }),
        fc.double({ min: 0, max: 0.9, noNaN: true }),
        fc.double({ min: 0, max: 0.9, noNaN: true }),
        fc.double({ min: 0.001, max: 0.1, noNaN: true }),
        fc.double({ min: 0.001, max: 0.1, noNaN: true }),
        fc.constantFrom(0, 90, 180, 270),
        (width, height, fx, fy, fw, fh, rotation) => {
          const box = { page: 1, x: fx * width, y: fy * height, w: fw * width, h: fh * height };
          const got = boxOnPage(box, { width, height }, rotation);
          const want = turnedByMatrix(box, { width, height }, rotation);
          for (const key of ["left", "top", "width", "height"] as const)
            expect(got[key]).toBeCloseTo(want[key], 6);
        },
      ),
    );
  });

  it("reads a turn of 360 or -90 as the quarter turn it is", () => {
    const box = { page: 1, x: 10, y: 20, w: 30, h: 5 };
    const page = { width: 100, height: 200 };
    expect(boxOnPage(box, page, 360)).toEqual(boxOnPage(box, page, 0));
    expect(boxOnPage(box, page, -90)).toEqual(boxOnPage(box, page, 270));
  });
});

describe("pickedText", () => {
  it("gives a date editor DD/MM/YYYY however the page prints the date", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1901, max: 2049 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 28 }),
        fc.integer({ min: 0, max: 7 }),
        fc.constantFrom("", "DOB: ", "Date of Birth / जन्म तिथि : "),
        (y, m, d, style, label) => {
          const dd = String(d).padStart(2, "0");
          const mm = String(m).padStart(2, "0");
          const printed = [
            `${dd}/${mm}/${y}`,
            `${dd}-${mm}-${y}`,
            `${d}.${m}.${y}`,
            `${d} ${MONTHS[m - 1]} ${y}`,
            `${d}-${MONTHS[m - 1]!.toUpperCase()}-${y}`,
            `${FULL[m - 1]} ${d}, ${y}`,
            `${y}-${mm}-${dd}`,
            `${d} ${FULL[m - 1]} ${y}`,
          ][style]!;
          expect(pickedText("date", `${label}${printed}`)).toBe(`${dd}/${mm}/${y}`);
        },
      ),
    );
  });

  it("leaves text without a date as printed, for the editor to say what is wrong", () => {
    expect(pickedText("date", "  Male  ")).toBe("Male");
    expect(pickedText("date", "31/13/1990")).toBe("31/13/1990");
  });

  it("gives an amount editor the number without ₹, Rs. or /-", () => {
    expect(pickedText("amount", "₹1,50,000.00")).toBe("1,50,000.00");
    expect(pickedText("amount", "Rs. 2,500/-")).toBe("2,500");
    expect(pickedText("amount", "Total: INR 12.50")).toBe("12.50");
    expect(pickedText("amount", "१२,३००")).toBe("12,300");
  });

  it("gives other editors the text with its spacing tidied", () => {
    expect(pickedText(undefined, " RAVI \n KUMAR ")).toBe("RAVI KUMAR");
    expect(pickedText("text", "ABCPK1234D")).toBe("ABCPK1234D");
  });
});

describe("evidenceSentence", () => {
  const evidence = (e: Partial<FieldEvidence>): FieldEvidence => ({
    status: "found",
    score: 1,
    boxes: [{ page: 1, x: 0, y: 0, w: 1, h: 1 }],
    reading: null,
    readingConfidence: 90,
    flagged: false,
    ...e,
  });
  const done = { status: "done" as const, error: null };

  it("says where a field is, what the page reads instead, or that it is not there", () => {
    expect(evidenceSentence("PAN number", evidence({}), done)).toBe("PAN number: found on page 1.");
    expect(evidenceSentence("Name", evidence({ score: 0.93 }), done)).toBe(
      "Name: found on page 1 (close match, 93 %).",
    );
    expect(
      evidenceSentence(
        "PAN number",
        evidence({ status: "disagrees", reading: "ABCPK1234D", flagged: true }),
        done,
      ),
    ).toBe("PAN number: page reads “ABCPK1234D” on page 1 — check it.");
    expect(evidenceSentence("DOB", evidence({ status: "not_found", boxes: [] }), done)).toBe(
      "DOB: not found on the page.",
    );
  });

  it("says when the scan is not read yet or could not be read, and nothing when the reader is off", () => {
    expect(evidenceSentence("DOB", null, { status: "queued", error: null })).toMatch(/is reading this scan/);
    expect(evidenceSentence("DOB", null, { status: "failed", error: "the link expired" })).toBe(
      "The second reader could not read this scan: the link expired.",
    );
    expect(evidenceSentence("DOB", null, { status: "off", error: null })).toBeNull();
  });

  it("lists each page a field's boxes are on once, in order", () => {
    expect(pagesOf([3, 1, 3, 2].map((page) => ({ page, x: 0, y: 0, w: 1, h: 1 })))).toEqual([1, 2, 3]);
  });
});

describe("pickFromLine", () => {
  /** An OCR line of words (boxes do not matter here), masked as the second reader stores it. */
  const storedLine = (words: string[]) => {
    const place = { conf: 90, page: 1, x: 0, y: 0, w: 10, h: 10 };
    return maskOcrLine({ ...place, text: words.join(" "), words: words.map((text) => ({ ...place, text })) });
  };
  // An Aadhaar number printed in fours, spaced, dashed or run together, after a label and
  // before other words (no X of their own).
  const aadhaarLine = fc
    .record({
      digits: fc.tuple(
        fc.integer({ min: 2, max: 9 }),
        fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 11, maxLength: 11 }),
      ),
      form: fc.constantFrom("spaced", "dashed", "run-together", "two-and-one", "labelled"),
      label: fc.constantFrom([], ["Aadhaar", "Number"], ["आधार", "संख्या"], ["UID"]),
      after: fc.constantFrom([], ["Rahul", "Shetty"], ["DOB", "19/12/1985"]),
    })
    .map(({ digits: [first, rest], form, label, after }) => {
      const d = [first, ...rest].join("");
      const [a, b, c] = [d.slice(0, 4), d.slice(4, 8), d.slice(8)];
      const number = {
        spaced: [a, b, c],
        dashed: [`${a}-${b}-${c}`],
        "run-together": [d],
        "two-and-one": [a + b, c],
        labelled: [`No:${a}`, b, c],
      }[form];
      return [...label, ...number, ...after];
    });

  it("never picks a masked group, by a click or by a double-click on any word of its line (property)", () => {
    fc.assert(
      fc.property(aadhaarLine, fc.boolean(), (words, wholeLine) => {
        const line = storedLine(words);
        expect(line.text).toMatch(/X/);
        line.words.forEach((_, i) => {
          const picked = pickFromLine(line.words, i, wholeLine);
          if (picked !== null) expect(picked).not.toMatch(/X/);
        });
      }),
    );
  });

  it("takes the word, or the whole line on a double-click when nothing in it is masked", () => {
    const words = [{ text: "Flat" }, { text: "1204," }, { text: "Green" }, { text: "View" }];
    expect(pickFromLine(words, 2, false)).toBe("Green");
    expect(pickFromLine(words, 2, true)).toBe("Flat 1204, Green View");
    expect(pickFromLine([{ text: "XXL" }, { text: "T-shirt" }], 0, true)).toBe("XXL T-shirt");
    // "Aadhaar Number XXXX XXXX 5543": the last four alone, never the masked line.
    const masked = storedLine(["Aadhaar", "Number", "4407", "3894", "5543"]).words;
    expect(pickFromLine(masked, 4, true)).toBe("5543");
    expect(pickFromLine(masked, 2, false)).toBeNull();
  });
});
