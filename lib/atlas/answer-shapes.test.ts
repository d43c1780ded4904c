/**
 * Answers the public docs do not rule out and the first readers did not take: entries in other
 * shapes, processing markers in other words, upload answers wrapped or partial, pages under
 * another key, status words with punctuation, a `confidence` key, Flow entries still processing,
 * and redirects (never followed: they would carry the credentials along).
 */
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAtlasClient } from "./client";
import { readEntry, normaliseExtractsPage } from "./entries";
import { AtlasError } from "./errors";
import { readField } from "./fields";
import {
  flowStatusAnswerSchema,
  NO_MASTER_STATUS,
  normaliseFlowExtracts,
  normaliseStatus,
} from "./flow-normalise";
import { normaliseUpload } from "./normalise";
import { bulkExtractsResponseSchema, uploadResponseSchema } from "./schemas";

const PAN = { value: "ABCDE1234F", confidence_score: 0.97 };

describe("entries in other shapes", () => {
  it.each([
    ["fields next to document_id", { document_id: "1", document_type: "PAN", pan_number: PAN }],
    [
      "wrapped in result.file_data",
      { document_id: "1", result: { file_data: { document_type: "PAN", pan_number: PAN } } },
    ],
    ["wrapped in data", { document_id: "1", data: { document_type: "PAN", pan_number: PAN } }],
    [
      "file_data as a JSON string",
      { document_id: "1", file_data: JSON.stringify({ document_type: "PAN", pan_number: PAN }) },
    ],
    [
      "document_type as a field object",
      {
        document_id: "1",
        file_data: { document_type: { value: "PAN", confidence_score: 0.9 }, pan_number: PAN },
      },
    ],
  ])("%s: a result with its fields", (_, entry) => {
    const reading = readEntry(entry);
    expect(reading.kind).toBe("result");
    if (reading.kind !== "result") return;
    expect(reading.doc).toMatchObject({ documentId: "1", documentType: "PAN" });
    expect(reading.doc.fields).toEqual({ pan_number: PAN });
  });

  it("a numeric error code is an error code, not a reason to drop the entry", () => {
    const reading = readEntry({
      document_id: "1",
      file_data: { document_type: "UNRECOGNISED", error_code: 4001 },
    });
    expect(reading).toMatchObject({ kind: "result", doc: { errorCode: "4001" } });
  });

  it.each([
    { status: "OCR_IN_PROGRESS" },
    { status: "In Queue" },
    { status: "Upload Success" },
    { extraction_status: "pending" },
    { ocr_status: "Processing" },
    { state: "running" },
    { processing: true },
    { processed: false },
    { ready: false },
  ])("an entry already classified but still processing (%o) waits", (marker) => {
    expect(readEntry({ document_id: "7", file_data: { document_type: "PAN" }, ...marker })).toEqual({
      kind: "waiting",
      documentId: "7",
    });
  });

  it("a finished word or another status key does not hold a result back", () => {
    for (const marker of [
      { status: "Completed" },
      { status: "PROCESSED" },
      { validation_status: "PENDING" },
    ]) {
      expect(
        readEntry({ document_id: "1", file_data: { document_type: "PAN", pan_number: PAN }, ...marker }).kind,
      ).toBe("result");
    }
  });

  it("a field scored under `confidence` keeps its score", () => {
    expect(readField({ value: "X", confidence: "0.8" })).toEqual({
      value: "X",
      confidenceScore: 0.8,
      extra: {},
    });
  });
});

describe("pages under another key", () => {
  it.each([
    { results: [{ document_id: "1", document_type: "PAN", pan_number: PAN }], has_next: "False" },
    { data: { items: [{ document_id: "1", document_type: "PAN", pan_number: PAN }], has_next: 0 } },
  ])("%o", (answer) => {
    const page = normaliseExtractsPage(bulkExtractsResponseSchema.parse(answer), 1);
    expect(page.data.map((d) => d.documentId)).toEqual(["1"]);
    expect(page).toMatchObject({ hasNext: false, endKnown: true });
  });
});

describe("upload answers in other shapes", () => {
  const files = [
    { documentId: "1", fileUrl: "https://s3.example/a.jpg" },
    { documentId: "2", fileUrl: "https://s3.example/b.jpg" },
  ];
  const read = (answer: unknown) => normaliseUpload(uploadResponseSchema.parse(answer), files, "POST x");

  it.each([
    [
      "wrapped list",
      {
        data: [
          { batch_id: "B1", document_id: "1" },
          { batch_id: "B2", document_id: "2" },
        ],
      },
      ["B1", "B2"],
    ],
    ["wrapped object", { data: { batch_id: "B1" } }, ["B1", "B1"]],
    ["object with files", { batch_id: "B1", files: [{ document_id: "2", batch_id: "B2" }] }, ["B1", "B2"]],
    ["numeric batch_id", { batch_id: 12345 }, ["12345", "12345"]],
    [
      "one entry without batch_id",
      [
        { batch_id: "B1", document_id: "1" },
        { document_id: "2", error: "x" },
      ],
      ["B1", "B1"],
    ],
  ])("%s", (_, answer, batchIds) => {
    expect(read(answer).items.map((i) => i.batchId)).toEqual(batchIds);
  });

  it("an answer naming no batch_id at all is refused", () => {
    for (const answer of [{}, [], [{ document_id: "1" }], "B1", null]) {
      expect(uploadResponseSchema.safeParse(answer).success).toBe(false);
    }
  });
});

describe("Flow answers", () => {
  it.each([
    ["Success.", "finished"],
    ["completed!", "finished"],
    ["Failed!", "failed"],
    ["-- in progress --", "running"],
  ])("master_status %j means %s", (word, meaning) => {
    expect(normaliseStatus({ master_status: word }).masterMeaning).toBe(meaning);
  });

  it.each([
    [{ data: { master_status: "SUCCESS" } }, "SUCCESS", "finished"],
    [{ status: { master_status: "failed", upload_status: "SUCCESS" } }, "failed", "failed"],
    [{ master_status: { value: "COMPLETED" } }, "COMPLETED", "finished"],
    [{ overall_status: "done" }, "done", "finished"],
    [{ upload_status: "SUCCESS" }, NO_MASTER_STATUS, "unknown"],
  ])("status answer %j: master %s (%s)", (answer, master, meaning) => {
    const status = normaliseStatus(flowStatusAnswerSchema.parse(answer));
    expect(status).toMatchObject({ masterStatus: master, masterMeaning: meaning });
  });

  it("ocr_data entries still processing are no results, and an empty duplicate never wins", () => {
    const extracts = normaliseFlowExtracts({
      ocr_data: [
        { document_id: "1", status: "PROCESSING", file_data: null },
        { document_id: "2", file_data: {} },
        { document_id: "3", file_data: { document_type: "PAN", pan_number: PAN } },
        { document_id: "3", file_data: { document_type: "PAN" } },
        { document_id: "4", document_type: "PAN", pan_number: PAN },
      ],
    });
    expect(extracts.ocrData.map((d) => [d.documentId, Object.keys(d.fields)])).toEqual([
      ["3", ["pan_number"]],
      ["4", ["pan_number"]],
    ]);
  });

  it("CallbackData wrapped in data is read", () => {
    const extracts = normaliseFlowExtracts({
      data: {
        flow_uuid: "f-1",
        master_status: "SUCCESS",
        ocr_data: [{ document_id: "1", file_data: { document_type: "PAN", pan_number: PAN } }],
      },
    });
    expect(extracts).toMatchObject({ flowUuid: "f-1", statusOnly: false, masterStatus: "SUCCESS" });
    expect(extracts.ocrData).toHaveLength(1);
  });
});

describe("redirects", () => {
  let atlas: Server;
  let elsewhere: Server;
  const seen: IncomingHttpHeaders[] = [];
  const url = (s: Server) => `http://127.0.0.1:${(s.address() as AddressInfo).port}`;

  beforeAll(async () => {
    elsewhere = createServer((req, res) => {
      seen.push(req.headers);
      res.writeHead(201, { "content-type": "application/json" });
      res.end(JSON.stringify({ access_token: "t", expires_in: 3600, batch_id: "B1", data: [] }));
    });
    await new Promise<void>((r) => elsewhere.listen(0, "127.0.0.1", r));
    atlas = createServer((req, res) => {
      res.writeHead(307, { location: `${url(elsewhere)}${req.url}` });
      res.end();
    });
    await new Promise<void>((r) => atlas.listen(0, "127.0.0.1", r));
  });
  afterAll(() => {
    atlas.close();
    elsewhere.close();
  });

  it("are not followed: the secret never reaches the other host, and the message says why", async () => {
    const client = createAtlasClient({
      baseUrl: url(atlas),
      clientId: "id",
      clientSecret: "redirect-secret-123",
      timeoutMs: 2_000,
      maxRetries: 0,
    });
    const error = await client.bulk.extracts({ batchId: "B1" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AtlasError);
    expect((error as AtlasError).userMessage).toMatch(
      /307 with a redirect to http:\/\/127\.0\.0\.1:\d+\/v1\/bulk\/authtoken/,
    );
    expect(seen).toEqual([]);
  });
});

describe("validation answers from a Python framework", () => {
  let server: Server;
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url?.includes("authtoken")) {
        res.writeHead(201, { "content-type": "application/json" });
        return res.end(JSON.stringify({ access_token: "tok-abcdef", expires_in: 3600 }));
      }
      res.writeHead(422, { "content-type": "application/json" });
      res.end(
        JSON.stringify({
          detail: [
            { loc: ["body", "file_urls", 0, "file_url"], msg: "field required", type: "missing" },
            { loc: ["body", "flow_uuid"], msg: "field required", type: "missing" },
          ],
        }),
      );
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  });
  afterAll(() => server.close());

  it("a 422 detail list names the fields, on the Flow API too (not an unreachable auth URL)", async () => {
    const client = createAtlasClient({
      baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      clientId: "id",
      clientSecret: "secret-1234",
      timeoutMs: 2_000,
      maxRetries: 0,
    });
    const error = (await client.flow
      .upload({ flowUuid: "f", files: [{ documentId: "1", fileUrl: "https://s3.example/a.jpg" }] })
      .catch((e: unknown) => e)) as AtlasError;
    expect(error.kind).toBe("invalid_params");
    expect(error.fields).toEqual(["file_urls[0].file_url", "flow_uuid"]);
    expect(error.userMessage).toBe(
      "Atlas rejected the request: missing or invalid file_urls[0].file_url, flow_uuid.",
    );
  });
});
