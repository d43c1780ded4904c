/**
 * `npm run bench:input`: how long reading batch input takes (a benchmark, not a test). The same
 * code runs in the browser's live preview and again on the server at submit.
 *
 *   1. 5,000 rows of `document_id,file_url` with 1.5 KB pre-signed SigV4 URLs (session token),
 *      about 8 MB: delimiter detection + CSV parsing + every row check, as comma CSV, as
 *      semicolon CSV and as a one-column URL list;
 *   2. a 5 MB file as bytes: encoding detection and decoding (UTF-8, UTF-16 LE with BOM,
 *      Windows-1252), then parsing;
 *   3. the summary of skipped rows for 5,000 expired links (the submit result).
 * Each figure is the median of BENCH_RUNS runs (default 5) after one warm-up run.
 */
import { performance } from "node:perf_hooks";
import { parseBatchInput } from "@/lib/batches/input";
import { decodeBytes } from "@/lib/batches/input/encoding";
import { summariseSkipped } from "@/lib/batches/input/skipped";

// A benchmark's own knob, not app configuration.
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const NOW = new Date();
const OPTIONS = { maxRows: 5000, allowHttp: false, now: NOW };

function presigned(name: string, signedAt: Date): string {
  const date = signedAt.toISOString().replace(/[-:]|\.\d{3}/g, "");
  const token = encodeURIComponent(
    `IQoJb3JpZ2luX2VjE${"AbCdEfGhIjKlMnOpQrStUvWxYz0123456789+/".repeat(32)}==`,
  );
  return `https://kyc-bucket.s3.ap-south-1.amazonaws.com/in/${name}.jpg?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=ASIAQ3EXAMPLE%2F${date.slice(0, 8)}%2Fap-south-1%2Fs3%2Faws4_request&X-Amz-Date=${date}&X-Amz-Expires=3600&X-Amz-Security-Token=${token}&X-Amz-SignedHeaders=host&X-Amz-Signature=${"ab12".repeat(16)}`;
}

function median(label: string, run: () => unknown): number {
  run();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const ms = times[Math.floor(times.length / 2)]!;
  console.log(`${label.padEnd(62)} ${ms.toFixed(0).padStart(6)} ms`);
  return ms;
}

const mb = (bytes: number) => `${(bytes / 1_000_000).toFixed(1)} MB`;

const urls = Array.from({ length: 5000 }, (_, i) => presigned(`pan-${i}`, NOW));
const comma = `document_id,file_url\n${urls.map((u, i) => `doc-${i},${u}`).join("\n")}`;
const semicolon = `document_id;file_url\r\n${urls.map((u, i) => `doc-${i};${u}`).join("\r\n")}`;
const list = urls.join("\n");

console.log(`bench:input — median of ${RUNS} runs\n`);
console.log(
  `1. 5,000 rows (${Buffer.byteLength(comma).toLocaleString("en-IN")} bytes, ${mb(Buffer.byteLength(comma))})`,
);
median("   parse 5,000 rows, comma CSV with header", () => parseBatchInput(comma, OPTIONS));
median("   parse 5,000 rows, semicolon CSV, CRLF", () => parseBatchInput(semicolon, OPTIONS));
median("   parse 5,000 rows, one URL per line", () => parseBatchInput(list, OPTIONS));

// 2. A 5 MB file: as many rows as fit in 5,000,000 bytes.
const rowsIn5Mb: string[] = [];
let size = "document_id,file_url\n".length;
for (let i = 0; size < 5_000_000; i++) {
  const row = `doc-${i},${presigned(`pan-${i % 5000}-${i}`, NOW)}\n`;
  rowsIn5Mb.push(row);
  size += row.length;
}
const file5 = `document_id,file_url\n${rowsIn5Mb.join("")}`.slice(0, 5_000_000);
const utf8 = new Uint8Array(Buffer.from(file5, "utf8"));
const utf16 = new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(file5, "utf16le")]));
const cp1252 = Uint8Array.from(Buffer.from(file5.replace(/doc-/g, "dôc-").slice(0, 5_000_000), "latin1"));
console.log(`\n2. a 5 MB file (${utf8.length.toLocaleString("en-IN")} bytes, ${rowsIn5Mb.length} rows)`);
median("   decode UTF-8", () => decodeBytes(utf8));
median(`   decode UTF-16 LE with BOM (${mb(utf16.length)} of bytes)`, () => decodeBytes(utf16));
median("   decode Windows-1252 (after UTF-8 fails)", () => decodeBytes(cp1252));
median("   decode + parse, UTF-8", () => parseBatchInput(decodeBytes(utf8).text, OPTIONS));

const expired = urls
  .map((u, i) => `old-${i},${u.replace(/X-Amz-Date=\d{8}T\d{6}Z/, "X-Amz-Date=20200101T000000Z")}`)
  .join("\n");
const parsedExpired = parseBatchInput(expired, OPTIONS).rows;
console.log("\n3. the submit result");
median("   summarise 5,000 skipped (expired) rows", () => summariseSkipped(parsedExpired));
