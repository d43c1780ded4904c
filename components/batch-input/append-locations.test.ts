import { describe, expect, it } from "vitest";
import { parseBatchInput } from "@/lib/batches/input";
import { appendLocations } from "./s3-tools";

const parse = (text: string) =>
  parseBatchInput(text, { maxRows: 5000, allowHttp: false, now: new Date(), s3: { enabled: true } });

describe("appendLocations (Browse S3 → Add to the list)", () => {
  const picked = ["s3://kyc/bulk/", "s3://kyc/a/pan.jpg"];

  it("fills an empty box with one location a line", () => {
    expect(appendLocations("  \n", parse(""), picked)).toBe("s3://kyc/bulk/\ns3://kyc/a/pan.jpg");
  });

  it("adds lines under a list without a header, keeping what was there", () => {
    const text = "https://x.example/a.jpg\nid-2,https://x.example/b.jpg\n\n";
    const next = appendLocations(text, parse(text), picked);
    expect(next).toBe(
      "https://x.example/a.jpg\nid-2,https://x.example/b.jpg\ns3://kyc/bulk/\ns3://kyc/a/pan.jpg",
    );
    expect(parse(next).rows.map((r) => r.fileUrl)).toEqual([
      "https://x.example/a.jpg",
      "https://x.example/b.jpg",
      ...picked,
    ]);
  });

  it("adds CSV rows under a header, so a location is never read as an id", () => {
    const text = "file_url;document_id\nhttps://x.example/a.jpg;A-1";
    const next = appendLocations(text, parse(text), picked);
    const rows = parse(next).rows;
    expect(rows.map((r) => [r.documentId, r.fileUrl])).toEqual([
      ["A-1", "https://x.example/a.jpg"],
      ["", "s3://kyc/bulk/"],
      ["pan", "s3://kyc/a/pan.jpg"],
    ]);
  });
});
