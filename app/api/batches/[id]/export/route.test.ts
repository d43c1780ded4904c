/**
 * The export route end to end on a real database: guarded (anonymous 401, a role without
 * batches:view 403), each format with its content type, file name and audit event, an unknown
 * format refused with a message, an unknown batch 404.
 */
import { and, eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Db } from "@/lib/db";
import { auditEvents } from "@/lib/db/schema";
import { testDrivers, useTestDatabase } from "@/lib/db/test-utils";
import { ROLES, can } from "@/lib/roles";
import { PAN_FIELDS, seedBatch, seedDocument, seedReviewer } from "@/lib/review/test-support";

const state = vi.hoisted(() => ({
  user: null as null | { id: string; email: string; name: string; role: string },
  db: null as unknown,
}));
vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => state.user }));
vi.mock("@/lib/db", () => ({ getDb: async () => state.db }));
vi.mock("next/headers", () => ({
  headers: async () => new Headers(),
  cookies: async () => ({ get: () => undefined }),
}));

const { GET } = await import("./route");

function get(batchId: string, query: string) {
  return GET(new Request(`http://app.test/api/batches/${batchId}/export${query}`), {
    params: Promise.resolve({ id: batchId }),
  });
}

describe.each(testDrivers)("GET /api/batches/[id]/export on %s", (driver) => {
  const t = useTestDatabase(driver);
  let batchId = "";
  let userId = "";

  beforeEach(async () => {
    state.db = t.db;
    const asha = await seedReviewer(t.db as Db, "Asha Route", "admin");
    userId = asha.id;
    state.user = { id: asha.id, email: asha.actor.actorEmail!, name: asha.name, role: "admin" };
    batchId = await seedBatch(t.db, asha.id, "Pune 000123");
    await seedDocument(t.db, batchId, "000042", "PAN", PAN_FIELDS);
  });

  it("refuses anonymous callers and roles without batches:view", async () => {
    state.user = null;
    expect((await get(batchId, "?format=xlsx")).status).toBe(401);
    const lacking = ROLES.find((r) => !can(r, "batches:view"));
    if (lacking) {
      state.user = { id: userId, email: "x@test.local", name: "x", role: lacking };
      expect((await get(batchId, "?format=xlsx")).status).toBe(403);
    }
  });

  it("streams each format with its type and file name, and audits the export", async () => {
    const csv = await get(batchId, "");
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(csv.headers.get("content-disposition")).toBe('attachment; filename="pune-000123-fields.csv"');
    const text = (await csv.text()).replace(/^\uFEFF/, "");
    expect(text.split("\r\n")[1]).toMatch(/^Pune 000123,"=""000042""",PAN,extracted,,,pending,/);

    const json = await get(batchId, "?format=json");
    expect(json.headers.get("content-type")).toBe("application/json; charset=utf-8");
    const rows = (await json.json()) as Array<{ document_id: string; batch: string }>;
    expect(rows.map((r) => r.document_id)).toEqual(["000042", "000042", "000042", "000042"]);

    const xlsx = await get(batchId, "?format=XLSX");
    expect(xlsx.headers.get("content-type")).toBe(
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    );
    expect(xlsx.headers.get("content-disposition")).toBe('attachment; filename="pune-000123-fields.xlsx"');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await xlsx.arrayBuffer()) as never);
    const sheet = book.getWorksheet("Fields")!;
    expect(sheet.rowCount).toBe(5);
    expect(sheet.getRow(2).getCell(2).value).toBe("000042");

    const events = await t.db
      .select({ metadata: auditEvents.metadata })
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "batch.export"), eq(auditEvents.targetId, batchId)));
    expect(events.map((e) => (e.metadata as { format: string }).format).sort()).toEqual([
      "csv",
      "json",
      "xlsx",
    ]);
  });

  it("says which formats exist when asked for another, and 404s an unknown batch", async () => {
    const bad = await get(batchId, "?format=xls");
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toBe(
      'There is no "xls" export: ask for format=csv, json or xlsx.',
    );
    expect((await get("00000000-0000-4000-8000-000000000000", "?format=csv")).status).toBe(404);
  });
});
