/**
 * `npm run atlas:demo`: one round trip through the Atlas client against the simulator.
 *
 * Starts a simulator in-process on a free port (or uses ATLAS_DEMO_BASE_URL, with
 * ATLAS_DEMO_CLIENT_ID / ATLAS_DEMO_CLIENT_SECRET), then: token → Bulk upload of the specimen
 * documents → page through extracts until every document has a result → one Flow v3 round
 * (init → upload → status until done → extracts, plus the callback it receives).
 *
 * Imports the client factory directly: lib/atlas/index.ts is server-only (Next) and reads env.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { DEMO_ATLAS_CLIENT_ID, DEMO_ATLAS_CLIENT_SECRET } from "@/lib/env";
import { createAtlasClient } from "@/lib/atlas/client";
import { isAtlasError } from "@/lib/atlas/errors";
import { readField } from "@/lib/atlas/fields";
import { startSimServer } from "@/atlas-sim/server";

interface Specimen {
  name: string;
  documentType: string;
  fileUrl: string;
  caseId?: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const log = (step: string, detail = "") => console.log(`• ${step}${detail ? `  ${detail}` : ""}`);

/** auth_url + callback_url for the flow round (Atlas calls these). */
async function startReceiver() {
  const callbacks: unknown[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      res.setHeader("content-type", "application/json");
      if (req.url === "/atlas/auth")
        return res.end(JSON.stringify({ access_token: "demo-partner-token", expires_in: 3600 }));
      callbacks.push(JSON.parse(body || "{}"));
      res.end(JSON.stringify({ ok: true }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, callbacks, close: () => new Promise((resolve) => server.close(resolve)) };
}

async function main() {
  const external = process.env.ATLAS_DEMO_BASE_URL;
  const sim = external ? undefined : await startSimServer({ latency: "300-1500" });
  const baseUrl = external ?? sim!.baseUrl;
  const receiver = await startReceiver();
  log(external ? "Using Atlas at" : "Started the simulator at", baseUrl);

  const client = createAtlasClient({
    baseUrl,
    clientId: process.env.ATLAS_DEMO_CLIENT_ID ?? DEMO_ATLAS_CLIENT_ID,
    clientSecret: process.env.ATLAS_DEMO_CLIENT_SECRET ?? DEMO_ATLAS_CLIENT_SECRET,
    timeoutMs: 10_000,
    maxRetries: 3,
  });

  try {
    const reach = await client.checkReachable("bulk");
    if (!reach.ok) throw new Error(reach.error);
    log("Got a Bulk API token", "(kept in memory, never printed)");

    const { specimens } = (await (await fetch(`${baseUrl}/specimens`)).json()) as { specimens: Specimen[] };
    const loose = specimens.filter((s) => !s.caseId);
    const upload = await client.bulk.upload({
      productType: "POC_CDL",
      files: loose.map((s) => ({ documentId: s.name, fileUrl: s.fileUrl })),
    });
    log(`Uploaded ${upload.items.length} specimen documents`, `batch ${upload.batchId}`);

    const expected = new Set(upload.items.map((i) => i.documentId));
    const results = new Map<string, string>();
    for (let round = 1; results.size < expected.size; round++) {
      if (round > 60) throw new Error(`Gave up waiting: ${results.size}/${expected.size} results`);
      for (let page = 1; ; page++) {
        const answer = await client.bulk.extracts({ batchId: upload.batchId, page, perPage: 5 });
        for (const doc of answer.data) results.set(doc.documentId, doc.errorCode ?? doc.documentType);
        log(
          `  extracts round ${round} page ${page}`,
          `${answer.data.length} on page, ${results.size}/${expected.size} collected`,
        );
        if (!answer.hasNext) break;
      }
      // has_next only covers what is processed so far; completeness is judged by document ids.
      if (results.size < expected.size) await sleep(500);
    }
    log("Every document has a result:");
    for (const [documentId, type] of results) console.log(`    ${documentId.padEnd(22)} ${type}`);

    const application = await client.flow.init({
      productType: "POC_CDL",
      applicationId: "DEMO-1042",
      authUrl: `${receiver.url}/atlas/auth`,
      callbackUrl: `${receiver.url}/atlas/callback`,
      flowParams: { source: "atlas-demo" },
    });
    log("Flow created", application.flowUuid);
    const caseFiles = specimens.filter((s) => s.caseId === "1042");
    await client.flow.upload({
      flowUuid: application.flowUuid,
      files: caseFiles.map((s) => ({ documentId: s.name, fileUrl: s.fileUrl })),
    });
    log(`Uploaded ${caseFiles.length} documents of CDL case 1042 to the flow`);

    for (let i = 0; ; i++) {
      const status = await client.flow.status(application.flowUuid);
      log(
        "  status",
        `upload ${status.uploadStatus}, processing ${status.processingStatus}, cross-checks ${status.crosscheckStatus}, master ${status.masterStatus}`,
      );
      if (status.isTerminal) break;
      if (i > 60) throw new Error("The flow did not finish in time");
      await sleep(500);
    }
    const extracts = await client.flow.extracts(application.flowUuid);
    log(`Flow extracts: ${extracts.ocrData.length} documents, ${extracts.crossChecks.length} cross-checks`);
    for (const doc of extracts.ocrData) {
      const name = readField(doc.fields.name ?? doc.fields.name_as_per_pan ?? doc.fields.customer_name).value;
      console.log(`    ${doc.documentType.padEnd(16)} ${String(name ?? "")}`);
    }
    for (const c of extracts.crossChecks) {
      console.log(
        `    ${String(c.similarityScore).padStart(5)}  ${c.fieldName}: ${c.sourceDocumentType} vs ${c.targetDocumentType}`,
      );
    }
    for (let i = 0; i < 40 && receiver.callbacks.length === 0; i++) await sleep(100);
    log(receiver.callbacks.length ? "Callback received at callback_url" : "No callback received (yet)");
  } finally {
    await receiver.close();
    await sim?.close();
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(
      `atlas-demo failed: ${isAtlasError(e) ? e.userMessage : e instanceof Error ? e.message : String(e)}`,
    );
    process.exit(1);
  },
);
