/**
 * `npm run s3:demo`: a local S3-compatible server (s3rver) with the simulator's sample documents
 * in a bucket, so `s3://` input can be tried with no AWS account. Prints the settings to give the
 * app, then serves until Ctrl+C.
 *
 *   bucket atlas-demo
 *     kyc/<specimen>.svg      the simulator's specimen documents (PAN, Aadhaar, GST, …)
 *     bulk/<type>-NN.svg      a folder of 60 documents
 *     cases/cdl-1042-….svg    a loan case's four documents
 *
 * Options: --port 4569 (or S3_DEMO_PORT), --dir .data/s3-demo (or S3_DEMO_DIR), --host 127.0.0.1.
 * The files are SVG drawings (what the simulator draws), so the demo lists svg with the defaults.
 * Each is drawn from its own path, which is what the simulator reads its results from, so the
 * scan a reviewer sees shows the values Atlas (the simulator) extracted.
 *
 * s3rver's paged listings need Node's legacy OpenSSL provider on Node 20+: the npm script sets
 * NODE_OPTIONS=--openssl-legacy-provider.
 */
import fs from "node:fs";
import path from "node:path";
import { CreateBucketCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import S3rver from "s3rver";
import { specimenList } from "@/atlas-sim/files";
import { generateDocument } from "@/atlas-sim/generate";
import { renderDocumentSvg } from "@/atlas-sim/svg";

const BUCKET = "atlas-demo";
/** s3rver accepts any key pair; these are its documented defaults. */
const KEY = "S3RVER";
const BULK_TYPES = ["pan", "aadhaar", "gst", "invoice", "driving-license", "voter-id"];

function option(name: string, envName: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return (at !== -1 ? process.argv[at + 1] : undefined) ?? process.env[envName] ?? fallback;
}

/** Every object of the demo bucket: its key. */
export function demoKeys(): string[] {
  const kyc = specimenList("http://specimens").map((s) => `kyc/${s.name}.svg`);
  const bulk = Array.from(
    { length: 60 },
    (_, i) => `bulk/${BULK_TYPES[i % BULK_TYPES.length]}-${String(i + 1).padStart(2, "0")}.svg`,
  );
  const cases = ["pan", "aadhaar", "invoice", "delivery-order-dealer-mismatch"].map(
    // Directly in cases/: s3rver leaves a folder holding only sub-folders out of its listings.
    (doc) => `cases/cdl-1042-${doc}.svg`,
  );
  return [...kyc, ...bulk, ...cases];
}

async function main() {
  const host = option("host", "S3_DEMO_HOST", "127.0.0.1");
  const port = Number(option("port", "S3_DEMO_PORT", "4569"));
  const directory = path.resolve(option("dir", "S3_DEMO_DIR", ".data/s3-demo"));
  fs.rmSync(directory, { recursive: true, force: true });
  fs.mkdirSync(directory, { recursive: true });

  const server = new S3rver({ port, address: host, directory, silent: true, resetOnClose: true });
  await server.run();
  const endpoint = `http://${host}:${port}`;
  const client = new S3Client({
    endpoint,
    region: "us-east-1",
    forcePathStyle: true,
    credentials: { accessKeyId: KEY, secretAccessKey: KEY },
  });
  await client.send(new CreateBucketCommand({ Bucket: BUCKET }));
  const keys = demoKeys();
  for (const key of keys) {
    // Drawn from the path the simulator will read its results from (path-style: /bucket/key).
    const svg = renderDocumentSvg(generateDocument(`${endpoint}/${BUCKET}/${key}`));
    await client.send(
      new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: svg, ContentType: "image/svg+xml" }),
    );
  }
  // Written last: a readiness mark for scripts (e2e) in a bucket the app is not allowed to see.
  await client.send(new CreateBucketCommand({ Bucket: "atlas-demo-status" }));
  await client.send(new PutObjectCommand({ Bucket: "atlas-demo-status", Key: "ready", Body: "ok" }));

  console.log(
    [
      `S3 demo: s3rver on ${endpoint}, bucket ${BUCKET} with ${keys.length} documents`,
      `  (kyc/: the ${keys.filter((k) => k.startsWith("kyc/")).length} specimens, bulk/: 60 documents, cases/: a loan case)`,
      "",
      "Start the app with these settings (e.g. in .env.local), then paste s3://atlas-demo/bulk/ or use Browse S3…:",
      "",
      `  S3_ENDPOINT=${endpoint}`,
      `  S3_ALLOWED_BUCKETS=${BUCKET}`,
      `  S3_ACCESS_KEY_ID=${KEY}`,
      `  S3_SECRET_ACCESS_KEY=${KEY}`,
      "  S3_REGION=us-east-1",
      "  S3_EXTENSIONS=jpg,jpeg,png,pdf,tif,tiff,svg   # the demo's documents are SVG drawings",
      "",
      "Ctrl+C stops it (the bucket is deleted).",
    ].join("\n"),
  );
  const stop = async () => {
    await server.close();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
}

main().catch((error) => {
  console.error("S3 demo failed:", error instanceof Error ? error.message : error);
  process.exit(1);
});
