import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { parseBatchInput } from "@/lib/batches/input";
import type { S3Lookup } from "@/lib/batches/input/s3-rows";
import { S3RowNote } from "./s3-row-note";

function noteFor(lookup: S3Lookup, maxRows: number): string {
  const { rows } = parseBatchInput("s3://kyc/in/", {
    maxRows,
    allowHttp: false,
    now: new Date("2026-11-30T10:00:00Z"),
    s3: { enabled: true, extensions: ["jpg"], lookups: new Map([["s3://kyc/in/", lookup]]) },
  });
  const info = rows[0]?.s3;
  if (!info) throw new Error("no s3 row");
  return renderToStaticMarkup(<S3RowNote info={info} />);
}

describe("S3RowNote", () => {
  it("counts and sizes a listed folder", () => {
    const objects = [
      { key: "in/a.jpg", size: 2000 },
      { key: "in/b.jpg", size: 3000 },
    ];
    expect(noteFor({ ok: true, objects, truncated: false }, 50)).toContain("2 files, 5 KB");
  });

  it("claims no count for a folder whose listing stopped at the limit (the row's problem says why)", () => {
    const objects = Array.from({ length: 3 }, (_, i) => ({ key: `in/${i}.jpg`, size: 1000 }));
    const html = noteFor({ ok: true, objects, truncated: true }, 3);
    expect(html).not.toMatch(/0 files|0 B/);
    expect(html).toContain("More than 3 files");
  });
});
