import { describe, expect, it } from "vitest";
import type { z } from "zod";
import examples from "./__fixtures__/atlas-api-examples.json";
import { readField, readFormattedAddress } from "./fields";
import { normaliseCrossChecks } from "./flow-cross-checks";
import {
  flowStatusAnswerSchema,
  normaliseFlowExtracts,
  normaliseStatus,
  parseFlowCallback,
} from "./flow-normalise";
import { normaliseDocument, normaliseUpload } from "./normalise";
import {
  bulkExtractsResponseSchema,
  errorBodySchema,
  extractEntrySchema,
  fieldSchema,
  flowInitRequestSchema,
  flowInitResponseSchema,
  flowUploadRequestSchema,
  tokenResponseSchema,
  uploadResponseSchema,
} from "./schemas";

const SCHEMAS: Record<string, z.ZodType> = {
  tokenResponse: tokenResponseSchema,
  errorBody: errorBodySchema,
  uploadResponse: uploadResponseSchema,
  bulkExtractsResponse: bulkExtractsResponseSchema,
  field: fieldSchema,
  flowInitRequest: flowInitRequestSchema,
  flowInitResponse: flowInitResponseSchema,
  flowUploadRequest: flowUploadRequestSchema,
  flowStatusResponse: flowStatusAnswerSchema,
  extractEntry: extractEntrySchema,
};

/**
 * Flow results are read by the runtime reader (lib/atlas/flow-normalise.ts) entry by entry, not
 * by one schema: an example passes when nothing in it is left unread.
 */
const READERS: Record<string, (body: unknown) => string[]> = {
  flowExtractsResponse: (body) => normaliseFlowExtracts(body).unreadable.map((u) => u.reason),
  crossCheck: (body) => {
    const [check] = normaliseCrossChecks([body]).checks;
    const complete = !!check?.fieldName && !!check.sourceDocumentId && !!check.targetDocumentId;
    return complete ? [] : ["cross-check shape not recognised"];
  },
};

describe("every example payload of atlas-api.md", () => {
  it.each(examples.examples.map((e) => [`${e.section} ${e.description}`, e] as const))(
    "parses %s",
    (_, example) => {
      const reader = READERS[example.schema];
      if (reader) {
        expect(reader(example.body)).toEqual([]);
        return;
      }
      const schema = SCHEMAS[example.schema];
      expect(schema, `no schema named ${example.schema}`).toBeDefined();
      const result = schema!.safeParse(example.body);
      expect(result.error?.issues ?? []).toEqual([]);
    },
  );
});

describe("tolerance", () => {
  it("keeps unknown document types and unknown fields", () => {
    const page = bulkExtractsResponseSchema.parse({
      data: [
        {
          document_id: 7,
          some_new_top_level_key: true,
          file_data: {
            document_type: "ELECTRICITY_BILL",
            consumer_number: { value: "1234", confidence_score: 0.9, bbox: [1, 2] },
            page_count: 2,
          },
        },
      ],
    });
    const doc = normaliseDocument(extractEntrySchema.parse(page.data[0]));
    expect(doc.documentId).toBe("7");
    expect(doc.documentType).toBe("ELECTRICITY_BILL");
    expect(doc.fields.consumer_number).toEqual({ value: "1234", confidence_score: 0.9, bbox: [1, 2] });
    expect(doc.fields.page_count).toBe(2);
    expect((doc.raw as Record<string, unknown>).some_new_top_level_key).toBe(true);
  });

  it("finds error_code on the entry or inside file_data", () => {
    expect(
      normaliseDocument(extractEntrySchema.parse({ document_id: "1", error_code: "INVALID_DOC" })),
    ).toMatchObject({
      errorCode: "INVALID_DOC",
      documentType: "UNRECOGNISED",
    });
    const inside = normaliseDocument(
      extractEntrySchema.parse({
        document_id: "2",
        file_data: { document_type: "UNRECOGNISED", error_code: "UNRECOGNISED" },
      }),
    );
    expect(inside.errorCode).toBe("UNRECOGNISED");
  });

  it("reads formatted_address bare or inside value, and field extras", () => {
    const parts = { address_line_1: "4-CH-64", city: "Bhilwara", state: "Rajasthan", postcode: 311001 };
    expect(readFormattedAddress(parts)?.postcode).toBe("311001");
    expect(readFormattedAddress({ value: parts, confidence_score: 0.9 })?.city).toBe("Bhilwara");
    expect(readField({ value: "**** **** 9012", confidence_score: 0.99, redact_url: "u" })).toEqual({
      value: "**** **** 9012",
      confidenceScore: 0.99,
      extra: { redact_url: "u" },
    });
  });

  it("accepts the upload answer as an array or a bare object", () => {
    const files = [{ documentId: "a", fileUrl: "u" }];
    const bare = normaliseUpload(uploadResponseSchema.parse({ batch_id: "BATCH-1" }), files, "POST x");
    expect(bare).toEqual({ batchId: "BATCH-1", items: [{ documentId: "a", batchId: "BATCH-1" }] });
  });

  it("accepts crossheck_status and crosscheck_status", () => {
    const atlas = normaliseStatus(
      flowStatusAnswerSchema.parse({ crossheck_status: "PENDING", master_status: "IN_PROGRESS" }),
    );
    const fixed = normaliseStatus(
      flowStatusAnswerSchema.parse({ crosscheck_status: "COMPLETED", master_status: "SUCCESS" }),
    );
    expect(atlas.crosscheckStatus).toBe("PENDING");
    expect(fixed).toMatchObject({ crosscheckStatus: "COMPLETED", isTerminal: true });
  });

  it("accepts a token under the fallback key `token`", () => {
    expect(tokenResponseSchema.safeParse({ token: "abc" }).success).toBe(true);
    expect(tokenResponseSchema.safeParse({ expires_in: 3600 }).success).toBe(false);
  });

  it("parses a callback body and reports an unusable one as a protocol error", () => {
    const ok = parseFlowCallback({
      ocr_data: [],
      cross_checks: [{ similarity_score: "91.4" }],
      extra_key: 1,
    });
    expect(ok.crossChecks[0]?.similarityScore).toBe(91.4);
    expect(ok.extra).toEqual({ extra_key: 1 });
    expect(() => parseFlowCallback({ ocr_data: "nope" })).toThrow(/could not be understood/);
  });
});
