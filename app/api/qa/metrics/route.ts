import { z } from "zod";
import { guardedRoute } from "@/lib/auth/route-guard";
import { getDb } from "@/lib/db";
import { loadThresholds } from "@/lib/documents/thresholds-store";
import { CSV_BOM, toCsvLine } from "@/lib/export/csv";
import { readMetricsQuery } from "@/lib/qa/params";
import { buildReport, METRICS_TABLES, metricsTableRows } from "@/lib/qa/report";
import { loadVerdicts } from "@/lib/qa/verdicts";
import { serverFormatter } from "@/lib/format/server";

const tableSchema = z.enum(METRICS_TABLES);

/**
 * GET /api/qa/metrics?table=accuracy-by-type|accuracy-by-field|calibration|suggestions
 * [&sample=<id>&target=<percent>&min=<n>]: one metrics table as CSV (UTF-8 with BOM, formula
 * cells neutralised), streamed row by row.
 */
export const GET = guardedRoute("qa:use", async (request) => {
  const url = new URL(request.url);
  const table = tableSchema.safeParse(url.searchParams.get("table") ?? "accuracy-by-field");
  if (!table.success)
    return Response.json({ error: `table must be one of ${METRICS_TABLES.join(", ")}` }, { status: 400 });
  const query = readMetricsQuery(Object.fromEntries(url.searchParams));
  const db = await getDb();
  const [verdicts, thresholds] = await Promise.all([
    loadVerdicts(db, { sampleId: query.sample }),
    loadThresholds(db),
  ]);
  const report = buildReport(
    verdicts,
    { targetErrorRate: query.target / 100, minSample: query.min },
    thresholds,
  );
  const rows = metricsTableRows(report, table.data);
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(CSV_BOM));
      for (const row of rows) controller.enqueue(encoder.encode(toCsvLine(row)));
      controller.close();
    },
  });
  const stamp = serverFormatter().isoDay(new Date());
  return new Response(stream, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="qa-${table.data}-${stamp}.csv"`,
      "cache-control": "no-store",
    },
  });
});
