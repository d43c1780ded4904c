/**
 * `npm run bench:export`: figures for the batch export (a benchmark, not a test).
 *
 * An embedded PostgreSQL in a temporary folder holds one batch of BENCH_EXPORT_DOCS
 * documents (default 5,000) of eight fields each, half of them approved. Each format (CSV, JSON,
 * XLSX) is then exported through the same streams the route returns, read to the end, and the
 * wall time, size, rows per second and the largest RSS growth seen while it ran are printed.
 *
 * Needs the react-server export condition (lib/review imports `server-only`):
 * `tsx --conditions=react-server scripts/bench-export.ts`.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { openDatabase } from "@/lib/db/client";
import { SYSTEM_ACTOR } from "@/lib/db/queries/audit";
import { createUser } from "@/lib/db/queries/users";
import { batches, documents, fields } from "@/lib/db/schema";
import { exportChunks, exportRowPages, exportStream, exportXlsx } from "@/lib/review/export";

const DOCS = Number(process.env.BENCH_EXPORT_DOCS ?? 5_000);
const FIELDS: Array<[string, (i: number) => unknown]> = [
  ["name", (i) => `APPLICANT ${i}`],
  ["account_number", (i) => String(i).padStart(12, "0")],
  ["imei_number", (i) => `35209900${String(i).padStart(7, "0")}`],
  ["pin_code", () => "011001"],
  ["invoice_date", (i) => `${String((i % 28) + 1).padStart(2, "0")}/08/2024`],
  ["total_amount", (i) => `-${(i * 10.5).toFixed(2)}`],
  ["address", (i) => `C/O 2345 6789 ${String(i % 10_000).padStart(4, "0")}, MG Road, Pune`],
  ["remark", () => '=HYPERLINK("http://evil.example")'],
];

async function drain(stream: ReadableStream<Uint8Array>): Promise<number> {
  let bytes = 0;
  const reader = stream.getReader();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return bytes;
    bytes += value.byteLength;
  }
}

async function measure(name: string, rows: number, make: () => ReadableStream<Uint8Array>) {
  global.gc?.();
  const base = process.memoryUsage().rss;
  let peak = base;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  const start = performance.now();
  const bytes = await drain(make());
  const ms = performance.now() - start;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  console.log(
    `${name.padEnd(5)} ${(ms / 1000).toFixed(2).padStart(6)} s  ${(bytes / 1e6).toFixed(1).padStart(6)} MB  ` +
      `${Math.round(rows / (ms / 1000))
        .toLocaleString("en-US")
        .padStart(9)} rows/s  RSS +${((peak - base) / 1e6).toFixed(0)} MB`,
  );
}

async function main() {
  const dir = await mkdtemp(path.join(tmpdir(), "bench-export-"));
  // BENCH_DATABASE_URL: run against a PostgreSQL server (a scratch database: rows are added).
  const databaseUrl = process.env.BENCH_DATABASE_URL || undefined;
  const database = await openDatabase({ dataDir: path.join(dir, "db"), databaseUrl });
  try {
    const db = database.db;
    const user = await createUser(
      db,
      { email: "bench@example.test", name: "Bench", role: "admin", passwordHash: "x" },
      SYSTEM_ACTOR,
    );
    const [batch] = await db
      .insert(batches)
      .values({ label: "Bench batch", productType: "POC_CDL", createdBy: user.id, status: "complete" })
      .returning({ id: batches.id, label: batches.label });
    const seedStart = performance.now();
    for (let from = 0; from < DOCS; from += 500) {
      const docs = await db
        .insert(documents)
        .values(
          Array.from({ length: Math.min(500, DOCS - from) }, (_, k) => {
            const i = from + k;
            const approved = i % 2 === 0;
            return {
              batchId: batch!.id,
              externalId: `doc-${String(i).padStart(6, "0")}`,
              fileUrl: `https://files.example.test/${i}.pdf`,
              atlasBatchId: "bench",
              status: "extracted" as const,
              documentType: "INVOICE",
              reviewStatus: approved ? ("approved" as const) : ("pending" as const),
              reviewedBy: approved ? user.id : null,
              reviewedAt: approved ? new Date() : null,
              fieldCount: FIELDS.length,
            };
          }),
        )
        .returning({ id: documents.id, externalId: documents.externalId });
      await db.insert(fields).values(
        docs.flatMap((doc, k) =>
          FIELDS.map(([fieldPath, value], position) => ({
            documentId: doc.id,
            path: fieldPath,
            position,
            value: value(from + k),
            confidence: 0.9,
            reviewState: (from + k) % 2 === 0 ? ("accepted" as const) : ("pending" as const),
            acceptedVia: (from + k) % 2 === 0 ? ("document_approval" as const) : null,
          })),
        ),
      );
    }
    const rows = DOCS * FIELDS.length;
    console.log(
      `Seeded ${DOCS.toLocaleString("en-US")} documents, ${rows.toLocaleString("en-US")} fields in ` +
        `${((performance.now() - seedStart) / 1000).toFixed(1)} s (${databaseUrl ? "PostgreSQL" : "embedded PostgreSQL"}).`,
    );
    const target = { id: batch!.id, label: batch!.label };
    const readStart = performance.now();
    let read = 0;
    for await (const page of exportRowPages(db, target)) read += page.length;
    console.log(
      `rows  ${((performance.now() - readStart) / 1000).toFixed(2).padStart(6)} s  ` +
        `(reading and masking the ${read.toLocaleString("en-US")} rows, no formatting)`,
    );
    await measure("csv", rows, () => exportStream(exportChunks(db, target, "csv")));
    await measure("json", rows, () => exportStream(exportChunks(db, target, "json")));
    await measure("xlsx", rows, () => exportXlsx(db, target));
  } finally {
    await database.close();
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
