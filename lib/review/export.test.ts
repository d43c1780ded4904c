import { describe, expect, it } from "vitest";
import { testDrivers, useTestDatabase } from "@/lib/db/test-utils";
import { exportChunks, exportFileName, exportStream } from "./export";
import { reviewField } from "./field-review";
import { fields } from "@/lib/db/schema";
import { eq } from "drizzle-orm";
import { LOCK_MS, PAN_FIELDS, seedBatch, seedDocument, seedReviewer, TODAY } from "./test-support";

async function read(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  const reader = stream.getReader();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

describe("exportFileName", () => {
  it("makes the batch label safe for a file name", () => {
    expect(exportFileName("Pune branch / Nov ₹", "abcdef12-0000", "csv")).toBe("pune-branch-nov-fields.csv");
    expect(exportFileName('=cmd|"x"', "abcdef12-0000", "json")).toBe("cmdx-fields.json");
    expect(exportFileName(null, "abcdef12-0000", "csv")).toBe("batch-abcdef12-fields.csv");
  });
});

describe.each(testDrivers)("batch export on %s", (driver) => {
  const t = useTestDatabase(driver);

  it("streams every field of every document across pages, masked, neutralised, with a BOM", async () => {
    const asha = await seedReviewer(t.db, "Asha Export");
    const batchId = await seedBatch(t.db, asha.id, "=Pune, Nov");
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await seedDocument(t.db, batchId, `doc-${i}`, "PAN", PAN_FIELDS));
    await seedDocument(t.db, batchId, "doc-aadhaar", "AADHAAR", {
      aadhaar_number: { value: "2345 6789 0124", confidence_score: 0.99 },
      address: { value: "-12 MG Road, Pune", confidence_score: 0.9 },
    });
    const first = (await t.db.select().from(fields).where(eq(fields.documentId, ids[0]!))).find(
      (f) => f.path === "name",
    )!;
    await reviewField(
      t.db,
      { documentId: ids[0]!, fieldId: first.id, version: 1, change: { kind: "correct", value: "@RAVI" } },
      asha,
      { lockMs: LOCK_MS, today: TODAY },
    );

    const bytes = await read(
      exportStream(exportChunks(t.db, { id: batchId, label: "=Pune, Nov" }, "csv", 2)),
    );
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = Buffer.from(bytes).toString("utf8").slice(1).trim().split("\r\n");
    expect(lines).toHaveLength(1 + 5 * 4 + 2);
    expect(lines[1]).toBe(
      `"'=Pune, Nov",doc-0,PAN,name,RAVI KUMAR,0.62,'@RAVI,corrected,${asha.actor.actorEmail}`,
    );
    expect(lines.find((l) => l.includes("aadhaar_number"))).toContain(",XXXX XXXX 0124,0.99,,pending,");
    expect(lines.find((l) => l.includes(",address,"))).toContain(`,"'-12 MG Road, Pune",`);
    expect(lines.join("\n")).not.toContain("2345 6789");

    const json = JSON.parse(
      Buffer.from(
        await read(exportStream(exportChunks(t.db, { id: batchId, label: "x" }, "json", 4))),
      ).toString("utf8"),
    ) as Array<{ document_id: string; original_value: string }>;
    expect(json).toHaveLength(22);
    expect(json.map((r) => r.document_id)).toEqual([...lines.slice(1).map((l) => l.split(",")[2])]);
    expect(JSON.stringify(json)).not.toContain("2345 6789");
  });

  it("writes an empty but valid export for a batch without fields", async () => {
    const asha = await seedReviewer(t.db, "Asha Empty");
    const batchId = await seedBatch(t.db, asha.id, "empty");
    const json = Buffer.from(
      await read(exportStream(exportChunks(t.db, { id: batchId, label: "empty" }, "json"))),
    ).toString();
    expect(JSON.parse(json)).toEqual([]);
  });
});
