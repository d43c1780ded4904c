import {
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { SCAN_PNG } from "@/test/scan-server";
import { languageFolder, OcrEngine } from "./engine";

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

/** The nice value of each of this process's threads (Linux: /proc/<pid>/task/<tid>/stat, field 19). */
function threadNiceValues(): number[] {
  return readdirSync(`/proc/${process.pid}/task`).map((tid) => {
    const stat = readFileSync(`/proc/${process.pid}/task/${tid}/stat`, "utf8");
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[16]);
  });
}

describe("the OCR thread", () => {
  // Linux gives each thread its own nice value; CI and the servers are Linux.
  it.runIf(process.platform === "linux")(
    "reads at the lowest CPU priority, leaving the server's own threads as they were",
    async () => {
      const engine = new OcrEngine(["eng"], fresh());
      try {
        const page = await engine.read({ page: 1, png: SCAN_PNG, width: 600, height: 160 });
        expect(page.lines.map((l) => l.text).join(" ")).toContain("ABCPK1234F");
        const nice = threadNiceValues();
        expect(nice.filter((n) => n === 19)).toHaveLength(1);
        expect(os.getPriority()).toBe(0);
      } finally {
        await engine.stop();
      }
    },
    60_000,
  );
});
