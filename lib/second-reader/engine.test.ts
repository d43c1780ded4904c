import { existsSync, mkdtempSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { languageFolder, maskedLine } from "./engine";

const folders: string[] = [];
const fresh = () => {
  const folder = mkdtempSync(path.join(os.tmpdir(), "tessdata-"));
  folders.push(folder);
  return folder;
};
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

describe("languageFolder", () => {
  it("links the English data from node_modules", () => {
    const folder = fresh();
    languageFolder(["eng"], folder);
    const link = path.join(folder, "eng.traineddata.gz");
    expect(readlinkSync(link)).toMatch(/@tesseract\.js-data[\\/]eng[\\/].*eng\.traineddata\.gz$/);
    expect(existsSync(link)).toBe(true);
  });

  it("replaces a link another checkout left (dangling, or to other data) instead of failing", () => {
    const folder = fresh();
    const link = path.join(folder, "eng.traineddata.gz");
    symlinkSync(path.join(folder, "gone", "eng.traineddata.gz"), link); // dangling: that checkout is gone
    languageFolder(["eng"], folder);
    expect(existsSync(link)).toBe(true);
    writeFileSync(path.join(folder, "other.gz"), "x");
    rmSync(link);
    symlinkSync(path.join(folder, "other.gz"), link);
    languageFolder(["eng"], folder);
    expect(readlinkSync(link)).toMatch(/@tesseract\.js-data/);
    languageFolder(["eng"], folder); // and again, with the right link in place
    expect(existsSync(link)).toBe(true);
  });

  it("names the package to install for a language without data", () => {
    expect(() => languageFolder(["zzz"], fresh())).toThrow(/npm i -E @tesseract\.js-data\/zzz/);
  });
});

describe("maskedLine", () => {
  /** A line as tesseract gives it: its words side by side. */
  const read = (text: string) => {
    const line = maskedLine(1, {
      text,
      confidence: 91,
      bbox: { x0: 0, y0: 0, x1: 400, y1: 20 },
      words: text.split(" ").map((t, i) => ({
        text: t,
        confidence: 90,
        bbox: { x0: i * 50, y0: 0, x1: i * 50 + 45, y1: 20 },
      })),
    } as Parameters<typeof maskedLine>[1]);
    return { text: line.text, words: line.words.map((w) => w.text).join(" ") };
  };

  it("masks an Aadhaar number OCR misread (a glyph for a digit, a digit dropped or added), in the line and its words", () => {
    for (const [page, masked] of [
      ["Aadhaar Number 2345 6789 O123", "Aadhaar Number XXXX XXXX O123"],
      ["234S 67B9 0l23,", "XXXX XXXX 0l23,"],
      ["2345 6789 012", "XXXX XXX9 012"],
      ["2345 6789 01234", "XXXX XXXX X1234"],
      ["VID 9123 4567 8901 2345", "VID XXXX XXXX XXXX 2345"],
    ]) {
      expect(read(page!)).toEqual({ text: masked, words: masked });
      expect(read(page!).text).not.toMatch(/\d{5}|\d{4} \d{4}/);
    }
  });

  it("leaves dates, amounts, phone, account and IMEI numbers and codes as printed", () => {
    for (const page of [
      "Date Of Birth 22/04/1967",
      "01/04/2024 02/04/2024 NEFT 1,50,000.00",
      "150000 25000",
      "A/c 31234567890",
      "IMEI 356938035643809",
      "Phone 9876543210",
      "IFSC SBIN0001234 BOSS",
      "GSTIN 27AABCU9603R1ZM",
    ])
      expect(read(page)).toEqual({ text: page, words: page });
  });
});
