import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkDocumentId } from "./document-ids";
import { parseExtensions } from "./extensions";
import { fileIdentity } from "./file-url";
import { parseBatchInput, validRows, type ParseBatchInputOptions } from "./index";
import type { S3Lookup } from "./s3-rows";

const NOW = new Date("2025-11-21T12:00:00Z");
const listed = (keys: string[], size = 1000): S3Lookup => ({
  ok: true,
  objects: keys.map((key) => ({ key, size })),
  truncated: false,
});

function parse(
  text: string,
  lookups: Record<string, S3Lookup> = {},
  options: Partial<ParseBatchInputOptions> = {},
) {
  return parseBatchInput(text, {
    maxRows: 5000,
    allowHttp: false,
    now: NOW,
    s3: { enabled: true, extensions: ["jpg", "pdf"], lookups: new Map(Object.entries(lookups)) },
    ...options,
  });
}
const codes = (text: string, lookups: Record<string, S3Lookup> = {}, options = {}) =>
  parse(text, lookups, options).rows.map((r) => r.problems.map((p) => p.code));

describe("s3:// rows", () => {
  it("are refused with how to enable them when S3 input is not configured", () => {
    const { rows } = parse("s3://kyc/a.jpg", {}, { s3: { enabled: false } });
    expect(rows[0]?.problems.map((p) => p.code)).toEqual(["s3_not_configured"]);
    expect(rows[0]?.problems[0]?.message).toMatch(/S3_ALLOWED_BUCKETS/);
    expect(parse("s3://kyc/a.jpg", {}, { s3: undefined }).rows[0]?.problems[0]?.code).toBe(
      "s3_not_configured",
    );
  });

  it("say what is wrong with a location that is not one", () => {
    for (const bad of [
      "s3://Bad_Bucket/a.jpg",
      "s3://kyc/../other/a.jpg",
      "s3://kyc//a.jpg",
      "s3:///a.jpg",
    ]) {
      const [row] = parse(bad).rows;
      expect(row?.problems.map((p) => p.code)).toEqual(["s3_not_a_location"]);
      expect(row?.problems[0]?.message).toMatch(/^Not an S3 location \(.+\) — write s3:\/\/bucket\/key/);
    }
  });

  it("take a key as one document with its file name as the id, in a CSV with ids too", () => {
    const { rows } = parse("s3://kyc/app-17/pan.jpg\nAPP-1-AADHAAR,s3://kyc/app-17/aadhaar.pdf");
    expect(rows.map((r) => [r.documentId, r.documentIdGenerated, r.problems])).toEqual([
      ["pan", true, []],
      ["APP-1-AADHAAR", false, []],
    ]);
    expect(rows[0]?.s3).toMatchObject({
      prefix: false,
      state: "pending",
      location: { bucket: "kyc", key: "app-17/pan.jpg" },
    });
  });

  it("keep a prefix waiting until it is listed, then expand it to its objects", () => {
    const text = "s3://kyc/app-17/";
    expect(codes(text)).toEqual([["s3_pending"]]);
    const { rows } = parse(text, {
      "s3://kyc/app-17/": listed(["app-17/pan.jpg", "app-17/co/pan.jpg", "app-17/co/aadhaar front.pdf"]),
    });
    expect(rows[0]?.problems).toEqual([]);
    expect(rows[0]?.s3?.objects).toEqual([
      { documentId: "pan", fileUrl: "s3://kyc/app-17/pan.jpg", size: 1000 },
      { documentId: "co-pan", fileUrl: "s3://kyc/app-17/co/pan.jpg", size: 1000 },
      { documentId: "co-aadhaar-front", fileUrl: "s3://kyc/app-17/co/aadhaar front.pdf", size: 1000 },
    ]);
    expect(rows[0]?.s3?.totalBytes).toBe(3000);
    expect(validRows(rows).map((r) => [r.line, r.documentId, r.fileUrl])).toEqual([
      [1, "pan", "s3://kyc/app-17/pan.jpg"],
      [1, "co-pan", "s3://kyc/app-17/co/pan.jpg"],
      [1, "co-aadhaar-front", "s3://kyc/app-17/co/aadhaar front.pdf"],
    ]);
  });

  it("give colliding ids deterministic suffixes, avoiding supplied and existing ids", () => {
    const text = "document_id,file_url\n,s3://kyc/a/\npan-2,https://x.example/p.jpg";
    const lookups = { "s3://kyc/a/": listed(["a/pan.jpg", "a/pan.pdf", "a/x/pan.jpg", "a/old.jpg"]) };
    const { rows } = parse(text, lookups, { existingDocumentIds: ["old"] });
    expect(rows[0]?.s3?.objects.map((o) => o.documentId)).toEqual(["pan", "pan-3", "x-pan", "old-2"]);
  });

  it("put the error of a refused or failed lookup on its own row only", () => {
    const message =
      "s3://secret/ is not in a bucket or folder this server may read. S3_ALLOWED_BUCKETS allows: kyc.";
    const { rows } = parse("s3://secret/\ns3://kyc/a.jpg", {
      "s3://secret/": { ok: false, message },
      "s3://kyc/a.jpg": listed(["a.jpg"], 2048),
    });
    expect(rows[0]?.problems).toEqual([{ code: "s3_error", message }]);
    expect(rows[1]?.problems).toEqual([]);
    expect(rows[1]?.s3?.totalBytes).toBe(2048);
  });

  it("say when a prefix holds no file of the include filter", () => {
    const { rows } = parse("s3://kyc/empty/", { "s3://kyc/empty/": listed([]) });
    expect(rows[0]?.problems[0]?.code).toBe("s3_empty_prefix");
    expect(rows[0]?.problems[0]?.message).toMatch(/with the extensions jpg, pdf — check the folder/);
  });

  it("refuse a document id on a prefix row", () => {
    expect(codes("APP,s3://kyc/a/", { "s3://kyc/a/": listed(["a/x.jpg"]) })).toEqual([
      ["prefix_with_document_id"],
    ]);
  });

  it("leave out a prefix's objects already on an earlier row, and flag a later row naming one", () => {
    const lookups = { "s3://kyc/a/": listed(["a/1.jpg", "a/2.jpg"]) };
    const before = parse("s3://kyc/a/1.jpg\ns3://kyc/a/", lookups).rows;
    expect(before[1]?.s3?.objects.map((o) => o.fileUrl)).toEqual(["s3://kyc/a/2.jpg"]);
    expect(before[1]?.s3?.leftOut).toBe(1);
    const after = parse("s3://kyc/a/\ns3://kyc/a/1.jpg", lookups).rows;
    expect(after[1]?.problems[0]?.message).toBe("Same file as line 1 — remove one of the two rows");
    expect(codes("s3://kyc/a/\ns3://kyc/a/", lookups)).toEqual([[], ["duplicate_url"]]);
  });
});

describe("limits after expansion", () => {
  const U = (n: number) => `https://b.s3.amazonaws.com/k/${n}.jpg`;

  it("refuse a prefix that does not fit as a whole, and keep the rows after it", () => {
    const lookups = { "s3://kyc/big/": listed(["big/1.jpg", "big/2.jpg", "big/3.jpg", "big/4.jpg"]) };
    const parsed = parse([U(1), U(2), "s3://kyc/big/", U(3)].join("\n"), lookups, { maxRows: 5 });
    expect(parsed.rows.map((r) => r.problems.map((p) => p.code))).toEqual([[], [], ["over_limit"], []]);
    expect(parsed.rows[2]?.problems[0]?.message).toBe(
      "s3://kyc/big/ holds 4 files; with the 2 before it that is 6, over the 5-row limit — pick a smaller folder, or submit it in another batch",
    );
    expect(parsed.errors[0]?.message).toMatch(
      /^7 documents once the folders are listed — the limit is 5 per batch/,
    );
    expect(validRows(parsed.rows)).toHaveLength(3);
  });

  it("say when a prefix holds more than a batch takes", () => {
    const { rows } = parse(
      "s3://kyc/huge/",
      { "s3://kyc/huge/": { ok: true, objects: [{ key: "huge/1.jpg", size: 1 }], truncated: true } },
      { maxRows: 1 },
    );
    expect(rows[0]?.problems[0]?.message).toBe(
      "s3://kyc/huge/ holds more than 1 files, over the 1-row limit — pick a smaller folder, or split it over several submissions",
    );
  });

  it("count a listed prefix's files toward the limit of later rows", () => {
    const lookups = { "s3://kyc/a/": listed(["a/1.jpg", "a/2.jpg"]) };
    expect(codes(`s3://kyc/a/\n${U(1)}\n${U(2)}`, lookups, { maxRows: 3 })).toEqual([[], [], ["over_limit"]]);
  });
});

// Keys of safe characters below one prefix, some sharing a name across folders or extensions.
const segment = fc.stringMatching(/^[a-z0-9][a-z0-9_-]{0,8}$/);
const keyArb = fc
  .tuple(fc.array(segment, { maxLength: 2 }), segment, fc.constantFrom("jpg", "pdf", "png"))
  .map(([folders, name, ext]) => [...folders, `${name}.${ext}`].join("/"));

describe("document ids from keys (property)", () => {
  it("are unique, valid, stable, and read as the key below the prefix without its extension", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(keyArb, { minLength: 1, maxLength: 40 }),
        fc.array(segment, { maxLength: 5 }),
        (keys, supplied) => {
          const sorted = [...keys].sort();
          const lookups = { "s3://kyc/p/": listed(sorted.map((k) => `p/${k}`)) };
          const text = [
            "document_id,file_url",
            ",s3://kyc/p/",
            ...supplied.map((id, i) => `${id},https://x.example/${i}.jpg`),
          ].join("\n");
          const first = parse(text, lookups);
          const ids = validRows(first.rows).map((r) => r.documentId);
          const again = validRows(parse(text, lookups).rows).map((r) => r.documentId);
          expect(again).toEqual(ids);
          const objects = first.rows[0]!.s3!.objects;
          expect(objects).toHaveLength(sorted.length);
          const all = [...objects.map((o) => o.documentId), ...new Set(supplied)];
          expect(new Set(all).size).toBe(all.length);
          objects.forEach((o, i) => {
            expect(checkDocumentId(o.documentId)).toEqual([]);
            // Folders joined by "-", runs of separators as one, none at the end (the id rules).
            const readable = sorted[i]!.replace(/\.[a-z]+$/, "")
              .replaceAll("/", "-")
              .replace(/-{2,}/g, "-")
              .replace(/[-._]+$/, "");
            expect(o.documentId === readable || o.documentId.startsWith(`${readable}-`)).toBe(true);
          });
        },
      ),
    );
  });
});

describe("an s3:// file's identity", () => {
  it("is its location written the one way, so the same object is found recorded or repeated", () => {
    expect(fileIdentity(" S3://kyc/a/pan.jpg ")).toBe("s3://kyc/a/pan.jpg");
    expect(fileIdentity("s3://kyc/../x")).toBeNull();
    const { rows } = parse("S3://kyc/a/pan.jpg");
    expect(validRows(rows).map((r) => r.fileUrl)).toEqual(["s3://kyc/a/pan.jpg"]);
  });
});

describe("parseExtensions", () => {
  it("reads a typed include filter", () => {
    expect(parseExtensions("jpg, .PNG  *.pdf;tif")).toEqual({ extensions: ["jpg", "png", "pdf", "tif"] });
    expect(parseExtensions("jpg, pdf!")).toEqual({
      error: '"pdf!" is not a file extension — list extensions such as jpg, png, pdf',
    });
    expect(parseExtensions("  ")).toHaveProperty("error");
  });
});
