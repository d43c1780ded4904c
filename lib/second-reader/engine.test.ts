import { existsSync, mkdtempSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { languageFolder } from "./engine";

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
