import { eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import type { Db } from "@/lib/db";
import { documents, fields } from "@/lib/db/schema";
import { testDrivers, useTestDatabase } from "@/lib/db/test-utils";
import { EXPORT_COLUMNS, type ExportRow } from "@/lib/export/rows";
import { approveDocument, rejectDocument } from "./document-review";
import { exportChunks, exportFileName, exportStream, exportXlsx } from "./export";
import { acceptAllAboveThreshold, reviewField, type Reviewer } from "./field-review";
import { LOCK_MS, PAN_FIELDS, seedBatch, seedDocument, seedReviewer, TODAY } from "./test-support";

async function read(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
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
    expect(exportFileName(null, "abcdef12-0000", "xlsx")).toBe("batch-abcdef12-fields.xlsx");
  });
});

const options = { lockMs: LOCK_MS, today: TODAY };

async function version(db: Db, id: string): Promise<number> {
  const [doc] = await db.select({ v: documents.version }).from(documents).where(eq(documents.id, id));
  return doc!.v;
}

async function fieldOf(db: Db, documentId: string, path: string) {
  const rows = await db.select().from(fields).where(eq(fields.documentId, documentId));
  return rows.find((f) => f.path === path)!;
}

async function accept(db: Db, reviewer: Reviewer, documentId: string, path: string) {
  const f = await fieldOf(db, documentId, path);
  await reviewField(
    db,
    { documentId, fieldId: f.id, version: f.version, change: { kind: "accept" } },
    reviewer,
    options,
  );
}

/**
 * A batch with every kind of outcome: approved after an explicit accept (the rest accepted by the
 * approval), approved after "accept all above threshold" and a correction, rejected with a
 * reason, a bank statement still in review, and a document Atlas failed.
 */
async function seedDecidedBatch(db: Db) {
  const asha = await seedReviewer(db, "Asha Export");
  const ravi = await seedReviewer(db, "Ravi Export");
  const label = "=Pune, Nov";
  const batchId = await seedBatch(db, asha.id, label);
  const a = await seedDocument(db, batchId, "doc-a", "PAN", PAN_FIELDS);
  const b = await seedDocument(db, batchId, "doc-b", "PAN", PAN_FIELDS);
  const c = await seedDocument(db, batchId, "doc-c", "AADHAAR", {
    aadhaar_number: { value: "2345 6789 0124", confidence_score: 0.99 },
    address: { value: "-12 MG Road, Pune", confidence_score: 0.9 },
  });
  await seedDocument(db, batchId, "doc-d", "BANK_STATEMENT", {
    account_number: { value: "000123456789", confidence_score: 0.97 },
    closing_balance: { value: "-1,500.50", confidence_score: 0.96 },
    statement_from: { value: "05/08/2024", confidence_score: 0.96 },
  });
  await db.insert(documents).values({
    batchId,
    externalId: "doc-e",
    fileUrl: "https://files.example.test/doc-e.tiff",
    atlasBatchId: `atlas-${batchId}`,
    status: "failed",
    errorCode: "UNSUPPORTED_FILE_TYPE",
    errorMessage: "File type not supported",
  });

  await accept(db, asha, a, "name");
  await approveDocument(db, { documentId: a, version: await version(db, a) }, asha, options);

  await acceptAllAboveThreshold(db, b, ravi, options);
  const name = await fieldOf(db, b, "name");
  await reviewField(
    db,
    { documentId: b, fieldId: name.id, version: name.version, change: { kind: "correct", value: "@RAVI" } },
    ravi,
    options,
  );
  await approveDocument(db, { documentId: b, version: await version(db, b) }, ravi, options);

  await rejectDocument(
    db,
    { documentId: c, version: await version(db, c), code: "TAMPERED", reason: "Photocopy of 2345 6789 0124" },
    asha,
    options,
  );
  return { asha, ravi, batch: { id: batchId, label } };
}

describe.each(testDrivers)("batch export on %s", (driver) => {
  const t = useTestDatabase(driver);

  it("carries each document's decision, Atlas's errors, the batch, and how each field was accepted", async () => {
    const { asha, ravi, batch } = await seedDecidedBatch(t.db);
    const json = JSON.parse(
      (await read(exportStream(exportChunks(t.db, batch, "json", 2)))).toString(),
    ) as ExportRow[];
    expect(json).toHaveLength(4 + 4 + 2 + 3 + 1);
    expect(json.every((r) => r.batch === "=Pune, Nov")).toBe(true);
    const row = (doc: string, field: string) => json.find((r) => r.document_id === doc && r.field === field)!;
    const ashaEmail = asha.actor.actorEmail;
    const raviEmail = ravi.actor.actorEmail;

    expect(row("doc-a", "name")).toMatchObject({
      decision: "approved",
      decided_by: ashaEmail,
      review_state: "accepted",
      accepted_via: "reviewer",
      reviewer: ashaEmail,
    });
    expect(row("doc-a", "pan_number")).toMatchObject({
      review_state: "accepted",
      accepted_via: "document_approval",
      reviewer: ashaEmail,
    });
    expect(row("doc-a", "name").decided_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(row("doc-b", "pan_number")).toMatchObject({
      accepted_via: "above_threshold",
      reviewer: raviEmail,
    });
    expect(row("doc-b", "name")).toMatchObject({
      review_state: "corrected",
      corrected_value: "@RAVI",
      accepted_via: "",
      decided_by: raviEmail,
    });
    expect(row("doc-c", "aadhaar_number")).toMatchObject({
      decision: "rejected",
      decision_reason: "Photocopy of XXXX XXXX 0124",
      decision_code: "TAMPERED",
      decided_by: ashaEmail,
      original_value: "XXXX XXXX 0124",
      review_state: "pending",
    });
    expect(row("doc-d", "account_number")).toMatchObject({
      decision: "pending",
      decided_by: "",
      decided_at: "",
    });
    expect(row("doc-e", "")).toMatchObject({
      document_status: "failed",
      error_code: "UNSUPPORTED_FILE_TYPE",
      error_message: "File type not supported",
      // A failed document waits for a closing decision like any other.
      decision: "pending",
    });
    expect(JSON.stringify(json)).not.toContain("2345 6789");

    // CSV: the same rows, in the same order, typed for spreadsheets.
    const csvBytes = await read(exportStream(exportChunks(t.db, batch, "csv", 2)));
    expect([...csvBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = csvBytes.toString("utf8").slice(1);
    const parsed = Papa.parse<string[]>(csv, { newline: "\r\n", delimiter: ",", skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data[0]).toEqual([...EXPORT_COLUMNS]);
    expect(parsed.data.slice(1).map((r) => r[EXPORT_COLUMNS.indexOf("document_id")])).toEqual(
      json.map((r) => r.document_id),
    );
    const line = (doc: string, field: string) =>
      csv.split("\r\n").find((l) => l.includes(`,${doc},`) && l.includes(`,${field},`))!;
    expect(
      line("doc-a", "name").startsWith(`"'=Pune, Nov",doc-a,PAN,extracted,,,approved,,${ashaEmail},"=""20`),
    ).toBe(true);
    expect(line("doc-d", "account_number")).toContain(
      `,account_number,Account number,"=""000123456789""",0.97,`,
    );
    expect(line("doc-d", "closing_balance")).toContain(`,closing_balance,Closing balance,"-1,500.50",0.96,`);
    expect(line("doc-d", "statement_from")).toContain(
      `,statement_from,Statement from,"=""05/08/2024""",0.96,`,
    );
    expect(line("doc-c", "address")).toContain(`,"'-12 MG Road, Pune",`);
    expect(line("doc-b", "name")).toContain(",'@RAVI,corrected,,");
    expect(csv).not.toContain("2345 6789");

    // XLSX: the same rows with explicit cell types.
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await read(exportXlsx(t.db, batch, 2))) as never);
    const sheet = book.getWorksheet("Fields")!;
    expect(sheet.rowCount).toBe(json.length + 1);
    const col = (name: (typeof EXPORT_COLUMNS)[number]) => EXPORT_COLUMNS.indexOf(name) + 1;
    const xrow = (doc: string, field: string) => {
      for (let r = 2; r <= sheet.rowCount; r++) {
        const row = sheet.getRow(r);
        if (
          row.getCell(col("document_id")).value === doc &&
          (row.getCell(col("field")).value ?? "") === field
        )
          return row;
      }
      throw new Error(`no row ${doc} ${field}`);
    };
    const account = xrow("doc-d", "account_number");
    expect(account.getCell(col("original_value")).value).toBe("000123456789");
    expect(account.getCell(col("original_value")).type).toBe(ExcelJS.ValueType.String);
    expect(account.getCell(col("confidence")).value).toBeCloseTo(0.97, 5);
    expect(xrow("doc-d", "closing_balance").getCell(col("original_value")).value).toBe(-1500.5);
    expect(xrow("doc-d", "statement_from").getCell(col("original_value")).value).toBe("05/08/2024");
    const approved = xrow("doc-a", "pan_number");
    expect(approved.getCell(col("decided_at")).value).toEqual(
      new Date(row("doc-a", "pan_number").decided_at),
    );
    expect(approved.getCell(col("accepted_via")).value).toBe("document_approval");
    expect(xrow("doc-a", "name").getCell(col("batch")).value).toBe("'=Pune, Nov");
    expect(xrow("doc-e", "").getCell(col("error_code")).value).toBe("UNSUPPORTED_FILE_TYPE");
  });

  it("writes an empty but valid export for a batch without documents", async () => {
    const asha = await seedReviewer(t.db, "Asha Empty");
    const batchId = await seedBatch(t.db, asha.id, "empty");
    const batch = { id: batchId, label: "empty" };
    expect(JSON.parse((await read(exportStream(exportChunks(t.db, batch, "json")))).toString())).toEqual([]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await read(exportXlsx(t.db, batch))) as never);
    expect(book.getWorksheet("Fields")!.rowCount).toBe(1);
  });
});
