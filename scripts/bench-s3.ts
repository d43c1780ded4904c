/**
 * `npm run bench:s3`: how long it takes to expand an S3 prefix of 5,000 objects and sign a link
 * for each (a benchmark, not a test). It starts a local S3-compatible server (s3rver, random
 * port, temporary folder), puts BENCH_OBJECTS objects (default 5,000) under one prefix plus a few
 * that the extension filter drops, then times, as the app does them:
 *
 *   1. expandS3Prefix: paging ListObjects 1,000 keys at a time, filtering by extension;
 *   2. signS3Get for every object found (local signing, no request);
 *   3. both together.
 *
 * Each figure is the median of BENCH_RUNS runs (default 3) after one warm-up run. Against real
 * S3 the listing costs one round trip per 1,000 keys more; signing stays local.
 */
import { performance } from "node:perf_hooks";
import { resetEnvForTests } from "@/lib/env";
import { expandS3Prefix, signS3Get, type S3Object } from "@/lib/s3";
import { startLocalS3 } from "@/test/s3-server";

// A benchmark's own knobs, not app configuration.
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const OBJECTS = Number(process.env.BENCH_OBJECTS ?? 5000);
const BUCKET = "bench-kyc";
const PREFIX = "statements/2026/";

async function median(label: string, run: () => Promise<number>): Promise<void> {
  await run();
  const times: number[] = [];
  let count = 0;
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    count = await run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const ms = times[Math.floor(times.length / 2)]!;
  const rate = Math.round((count / ms) * 1000).toLocaleString("en-IN");
  console.log(`${label.padEnd(34)} ${ms.toFixed(0).padStart(7)} ms   ${count} objects   ${rate} objects/s`);
}

async function main() {
  const s3 = await startLocalS3([BUCKET]);
  try {
    process.stdout.write(
      `Putting ${OBJECTS.toLocaleString("en-IN")} objects into s3://${BUCKET}/${PREFIX} … `,
    );
    const started = performance.now();
    const keys = Array.from(
      { length: OBJECTS },
      (_, i) => `${PREFIX}branch-${i % 20}/doc-${String(i).padStart(5, "0")}.jpg`,
    );
    keys.push(`${PREFIX}README.txt`, `${PREFIX}branch-0/notes.csv`);
    for (let i = 0; i < keys.length; i += 32)
      await Promise.all(keys.slice(i, i + 32).map((key) => s3.put(BUCKET, key, "x", "image/jpeg")));
    console.log(`${((performance.now() - started) / 1000).toFixed(1)} s`);

    Object.assign(process.env, s3.env, { S3_ALLOWED_BUCKETS: BUCKET });
    resetEnvForTests();
    const loc = { bucket: BUCKET, key: PREFIX };
    let objects: S3Object[] = [];
    const sign = async (list: S3Object[]) => {
      await Promise.all(list.map((o) => signS3Get({ bucket: BUCKET, key: o.key })));
      return list.length;
    };

    console.log(`\nMedian of ${RUNS} runs (after one warm-up), s3rver on 127.0.0.1:`);
    await median("expand prefix (list + filter)", async () => {
      objects = (await expandS3Prefix(loc, { limit: 100_000 })).objects;
      return objects.length;
    });
    if (objects.length !== OBJECTS)
      throw new Error(`expanded ${objects.length} objects, expected ${OBJECTS}`);
    await median("sign every object", () => sign(objects));
    await median("expand + sign", async () => sign((await expandS3Prefix(loc)).objects));
  } finally {
    await s3.close();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
