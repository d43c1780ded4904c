/**
 * `npm run bench:second-reader`: figures for the second reader (a benchmark, not a test).
 *
 * Over BENCH_DOCUMENTS simulator documents (default 200; error documents without fields are
 * skipped and replaced), each the simulator's raster "photo" of its card (atlas-sim/raster.ts:
 * rotated, blurred, on a noisy background, JPEG) printing the true values, with a seeded share
 * (BENCH_MISREAD_SHARE, default 0.15) of extractions carrying one wrong value at 0.97
 * confidence (a digit swapped, a name misspelt): the same bytes the simulator serves for
 * `…/scan.jpg?sim_misread=<share>`. Each scan is normalised, OCR'd by one tesseract worker
 * (lib/second-reader/engine.ts, as the job does) and matched (match.ts, default settings).
 *
 * Prints: OCR time per page (median, p95) and pages per minute on this machine (with the load
 * average, since the machine may be shared), the share of printed fields located on the page,
 * the recall of the planted misreads (flagged), and the share of correct values wrongly flagged.
 *
 * Then part 2 (scripts/bench-second-reader-sync.ts): a 500-document batch's Atlas sync with the
 * second reader off and on, and the OCR backlog draining afterwards.
 *
 * Needs the react-server export condition (lib/second-reader imports `server-only`).
 */
import { mkdtemp, rm } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { generateDocument, type GeneratedDocument } from "@/atlas-sim/generate";
import { renderDocumentRaster } from "@/atlas-sim/raster";
import { OcrEngine } from "@/lib/second-reader/engine";
import { DEFAULT_MATCH_SETTINGS, matchFields } from "@/lib/second-reader/match";
import { rasterise } from "@/lib/second-reader/rasterise";
import { syncFigures } from "./bench-second-reader-sync";

const DOCUMENTS = Math.max(1, Number(process.env.BENCH_DOCUMENTS ?? 200));
const SHARE = Number(process.env.BENCH_MISREAD_SHARE ?? 0.15);
const SEED = process.env.BENCH_SEED ?? "bench";

const quantile = (xs: number[], q: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
};
const pct = (n: number, d: number) => (d === 0 ? "n/a" : `${((100 * n) / d).toFixed(1)}%`);

function printedFields(doc: GeneratedDocument) {
  return Object.entries(doc.fileData).flatMap(([key, field]) =>
    typeof field === "object" && field !== null && "value" in field
      ? [{ path: key, value: (field as { value: unknown }).value }]
      : [],
  );
}

async function main() {
  const dataDir = await mkdtemp(path.join(tmpdir(), "bench-second-reader-"));
  const engine = new OcrEngine(["eng"], dataDir);
  const pageMs: number[] = [];
  const totals = { docs: 0, fields: 0, located: 0, misreads: 0, caught: 0, correct: 0, wronglyFlagged: 0 };
  const misses: string[] = [];
  const falseFlags: string[] = [];
  const started = performance.now();
  try {
    for (let i = 0; totals.docs < DOCUMENTS; i++) {
      const doc = generateDocument(`https://sim.example/files/${SEED}/${i}/scan.jpg?sim_misread=${SHARE}`);
      const fields = printedFields(doc);
      if (fields.length === 0) continue; // UNRECOGNISED / INVALID_DOC
      totals.docs++;
      const jpeg = await renderDocumentRaster(doc, "jpeg");
      const t0 = performance.now();
      const [image] = await rasterise(jpeg, "image/jpeg", 1);
      const page = await engine.read(image!);
      pageMs.push(performance.now() - t0);
      const evidence = matchFields(fields, [page], DEFAULT_MATCH_SETTINGS, doc.documentType);
      const misread = new Set((doc.misreads ?? []).map((m) => m.field));
      for (const field of fields) {
        const e = evidence.get(field.path)!;
        if (e.status === "not_matched") continue;
        totals.fields++;
        if (e.status === "found") totals.located++;
        if (misread.has(field.path)) {
          totals.misreads++;
          if (e.flagged) totals.caught++;
          else
            misses.push(
              `${doc.documentType}.${field.path}: ${e.status} ${JSON.stringify(field.value)} page: ${JSON.stringify(e.reading)} (OCR confidence ${e.readingConfidence})`,
            );
        } else {
          totals.correct++;
          if (e.flagged) {
            totals.wronglyFlagged++;
            falseFlags.push(
              `${doc.documentType}.${field.path}: ${e.status} ${JSON.stringify(field.value)} page: ${JSON.stringify(e.reading)}`,
            );
          }
        }
      }
      if (totals.docs % 25 === 0) console.error(`… ${totals.docs}/${DOCUMENTS} documents`);
    }
  } finally {
    await engine.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
  const wallMin = (performance.now() - started) / 60_000;
  const ocrMin = pageMs.reduce((a, b) => a + b, 0) / 60_000;
  console.log(
    `Second reader over ${totals.docs} simulator documents (raster JPEG scans, 1 tesseract worker)`,
  );
  console.log(`  load average (1 min) at the end: ${loadavg()[0]!.toFixed(2)}`);
  console.log(
    `  OCR per page: median ${quantile(pageMs, 0.5).toFixed(0)} ms, p95 ${quantile(pageMs, 0.95).toFixed(0)} ms`,
  );
  console.log(
    `  pages per minute: ${(pageMs.length / ocrMin).toFixed(1)} (OCR only), ${(totals.docs / wallMin).toFixed(1)} (with rendering the scans)`,
  );
  console.log(
    `  fields located on the page: ${totals.located}/${totals.fields} (${pct(totals.located, totals.fields)})`,
  );
  console.log(
    `  planted misreads flagged (recall): ${totals.caught}/${totals.misreads} (${pct(totals.caught, totals.misreads)}; goal ≥ 90%)`,
  );
  console.log(
    `  correct values wrongly flagged: ${totals.wronglyFlagged}/${totals.correct} (${pct(totals.wronglyFlagged, totals.correct)}; goal ≤ 5%)`,
  );
  if (misses.length) console.log(`  missed misreads (first 10):\n    ${misses.slice(0, 10).join("\n    ")}`);
  if (falseFlags.length)
    console.log(`  wrongly flagged (first 10):\n    ${falseFlags.slice(0, 10).join("\n    ")}`);
}

main()
  .then(() => (process.env.BENCH_SYNC === "0" ? undefined : syncFigures()))
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
