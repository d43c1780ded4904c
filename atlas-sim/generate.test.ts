import { describe, expect, it } from "vitest";
import { stdAadhaar, stdGstin, stdPan } from "@/test/reference";
import { specimenList } from "./files";
import { generateDocument } from "./generate";
import { PAN_HOLDER_TYPES } from "./generate/identifiers";

type Field = { value: unknown; confidence_score: number };
const field = (data: Record<string, unknown>, key: string) => data[key] as Field;
const text = (data: Record<string, unknown>, key: string) => String(field(data, key).value);

const urls = (n: number) =>
  Array.from({ length: n }, (_, i) => `https://bucket.s3.ap-south-1.amazonaws.com/loans/${i}/scan.jpg`);

function isRealDate(ddmmyyyy: string): boolean {
  const m = ddmmyyyy.match(/^(\d{2})\/(\d{2})\/(\d{4})$/);
  if (!m) return false;
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCDate() === d && date.getUTCMonth() === mo - 1;
}

describe("generateDocument", () => {
  it("is deterministic per URL, ignoring host, query string and extension", () => {
    const a = generateDocument("https://a.example/docs/42/aadhaar.jpg?X-Amz-Signature=1");
    const b = generateDocument("https://b.example/docs/42/aadhaar.pdf?X-Amz-Signature=2");
    expect(b.fileData).toEqual(a.fileData);
    expect(generateDocument("https://a.example/docs/43/aadhaar.jpg").fileData).not.toEqual(a.fileData);
  });

  it.each([
    ["pan-card.jpg", "PAN"],
    ["kyc/aadhaar_front.png", "AADHAAR"],
    ["invoice-123.pdf", "INVOICE"],
    ["delivery_order.jpg", "DELIVERY_ORDER"],
    ["x/do.jpg", "DELIVERY_ORDER"],
    ["bank-statement.pdf", "BANK_STATEMENT"],
    ["gst.pdf", "GST_CERT"],
    ["dl.jpg", "DRIVING_LICENSE"],
    ["voter-id.jpg", "VOTER_ID"],
    ["passport.jpg", "PASSPORT"],
    ["udyam.pdf", "UDYAM_CERT"],
    ["shop-act.pdf", "SHOP_ACT_LICENSE"],
    ["fssai.pdf", "FSSAI"],
    ["blank.jpg", "UNRECOGNISED"],
    ["invalid.jpg", "INVALID_DOC"],
  ])("reads the type hint in %s", (path, type) => {
    const doc = generateDocument(`https://s3.example/${path}`);
    expect(doc.documentType).toBe(type);
    expect(doc.fileData.document_type).toBe(type);
  });

  it("returns error entries for UNRECOGNISED and INVALID_DOC", () => {
    expect(generateDocument("https://s3.example/unrecognised.jpg").fileData).toEqual({
      document_type: "UNRECOGNISED",
      error_code: "UNRECOGNISED",
      error_message: "Document type could not be identified",
    });
  });

  it("produces valid identifiers except the deliberately planted ones", () => {
    let checked = 0;
    for (const url of urls(600)) {
      const { documentType, fileData, deliberateErrors } = generateDocument(url);
      const planted = new Set(deliberateErrors.map((e) => e.field));
      if (documentType === "AADHAAR" && !planted.has("aadhaar_number")) {
        const digits = text(fileData, "aadhaar_number").replace(/ /g, "");
        expect(digits).toMatch(/^[2-9]\d{11}$/);
        expect(stdAadhaar(digits), digits).toBe(true);
        checked++;
      }
      if (documentType === "PAN" && !planted.has("pan_number")) {
        const pan = text(fileData, "pan_number");
        expect(pan).toMatch(/^[A-Z]{5}\d{4}[A-Z]$/);
        expect(PAN_HOLDER_TYPES).toContain(pan[3]);
        expect(stdPan(pan), pan).toBe(true);
        expect(pan[4]).toBe(text(fileData, "name_as_per_pan").split(" ").at(-1)![0]);
        checked++;
      }
      if (documentType === "GST_CERT" && !planted.has("gst_number")) {
        const gstin = text(fileData, "gst_number");
        expect(gstin).toMatch(/^\d{2}[A-Z]{5}\d{4}[A-Z][1-9]Z[0-9A-Z]$/);
        // stdnum does not know state code 38 (Ladakh); the simulator's places all predate it.
        expect(stdGstin(gstin), gstin).toBe(true);
        checked++;
      }
      if (documentType === "BANK_STATEMENT" && !planted.has("ifsc")) {
        expect(text(fileData, "ifsc")).toMatch(/^[A-Z]{4}0\d{6}$/);
      }
      for (const [key, raw] of Object.entries(fileData)) {
        const value = typeof raw === "object" && raw !== null ? (raw as Field).value : undefined;
        if (typeof value === "string" && /^\d{2}\/\d{2}\/\d{4}$/.test(value) && !planted.has(key)) {
          expect(isRealDate(value), `${key}=${value}`).toBe(true);
        }
      }
    }
    expect(checked).toBeGreaterThan(100);
  });

  it("its Aadhaar, PAN and GSTIN values pass stdnum wherever they appear, and planted ones fail it", () => {
    const reference: Record<string, (value: string) => boolean> = {
      aadhaar_number: stdAadhaar,
      pan_number: stdPan,
      gst_number: stdGstin,
      gstin: stdGstin,
    };
    const seen = { valid: 0, planted: 0 };
    for (const url of urls(1500)) {
      const { fileData, deliberateErrors } = generateDocument(url);
      const planted = new Set(deliberateErrors.map((e) => e.field));
      for (const [key, isValid] of Object.entries(reference)) {
        if (!(key in fileData)) continue;
        const value = text(fileData, key);
        expect(isValid(value), `${key}=${value}`).toBe(!planted.has(key));
        seen[planted.has(key) ? "planted" : "valid"]++;
      }
    }
    expect(seen.valid).toBeGreaterThan(200);
    expect(seen.planted).toBeGreaterThan(3);
  });

  it("the specimen documents the demo serves: valid identifiers pass stdnum, the badcheck ones fail it", () => {
    const reference: Record<string, (value: string) => boolean> = {
      aadhaar_number: stdAadhaar,
      pan_number: stdPan,
      gst_number: stdGstin,
    };
    const seen = { valid: 0, planted: 0 };
    for (const specimen of specimenList("http://127.0.0.1:3000/atlas-sim")) {
      const { fileData } = generateDocument(specimen.fileUrl);
      for (const [key, isValid] of Object.entries(reference)) {
        if (!(key in fileData)) continue;
        const value = text(fileData, key);
        const planted = /badcheck/.test(specimen.name);
        expect(isValid(value), `${specimen.name} ${key}=${value}`).toBe(!planted);
        seen[planted ? "planted" : "valid"]++;
      }
    }
    // pan-01/02, aadhaar-01/02, gst-01, the two CDL cases and the PAN and GST photos (their
    // misreads are in a name and a constitution); aadhaar, pan and gst badcheck.
    expect(seen).toEqual({ valid: 11, planted: 3 });
  });

  it("plants wrong-but-confident values in a small known share of documents", () => {
    const docs = urls(1000).map(generateDocument);
    const bad = docs.filter((d) => d.deliberateErrors.length > 0);
    expect(bad.length / docs.length).toBeGreaterThan(0.01);
    expect(bad.length / docs.length).toBeLessThan(0.06);
    for (const d of bad) {
      for (const e of d.deliberateErrors)
        expect(field(d.fileData, e.field).confidence_score).toBeGreaterThanOrEqual(0.95);
    }
  });

  it("forces a bad value through the URL", () => {
    const aadhaar = generateDocument("https://s3.example/aadhaar-badcheck.jpg");
    const digits = text(aadhaar.fileData, "aadhaar_number").replace(/ /g, "");
    expect(stdAadhaar(digits)).toBe(false);
    expect(field(aadhaar.fileData, "aadhaar_number").confidence_score).toBeGreaterThanOrEqual(0.95);
    const pan = generateDocument("https://s3.example/pan.jpg?sim_fault=bad_value");
    expect(pan.deliberateErrors).toEqual([{ field: "pan_number", reason: expect.any(String) }]);
    expect(stdPan(text(pan.fileData, "pan_number"))).toBe(false);
    const gst = generateDocument("https://s3.example/gst-badcheck.pdf");
    const gstin = text(gst.fileData, "gst_number");
    expect(stdGstin(gstin)).toBe(false);
    expect(
      text(generateDocument("https://s3.example/passport-badcheck.jpg").fileData, "date_of_expiry"),
    ).toMatch(/^31\/02\//);
  });

  it("has a realistic confidence tail: 10–20% of fields below 0.8", () => {
    const scores = urls(500).flatMap((url) =>
      Object.values(generateDocument(url).fileData)
        .filter((v): v is Field => typeof v === "object" && v !== null && "confidence_score" in v)
        .map((v) => v.confidence_score),
    );
    const low = scores.filter((s) => s < 0.8).length / scores.length;
    expect(low).toBeGreaterThanOrEqual(0.1);
    expect(low).toBeLessThanOrEqual(0.2);
    expect(scores.every((s) => s >= 0 && s <= 1)).toBe(true);
  });

  it("keeps the documented keys (3.5) and shapes", () => {
    const aadhaar = generateDocument("https://s3.example/aadhaar.jpg").fileData;
    expect(Object.keys(aadhaar)).toEqual([
      "document_type",
      "name",
      "date_of_birth",
      "address",
      "formatted_address",
      "aadhaar_number",
    ]);
    expect(field(aadhaar, "formatted_address").value).toMatchObject({
      postcode: expect.stringMatching(/^\d{6}$/),
    });
    expect(aadhaar.aadhaar_number).toHaveProperty("redact_url");
    const pan = generateDocument("https://s3.example/pan.jpg").fileData;
    expect(Object.keys(pan)).toEqual([
      "document_type",
      "name_as_per_pan",
      "father_name",
      "dob",
      "pan_number",
      "document_quality_flag",
    ]);
    const statement = generateDocument("https://s3.example/bank-statement.pdf").fileData;
    expect(field(statement, "transactions").value).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ date: expect.any(String), balance: expect.any(String) }),
      ]),
    );
    expect(
      field(generateDocument("https://s3.example/invoice.pdf").fileData, "line_items").value,
    ).toBeInstanceOf(Array);
  });
});

describe("misreads for a second reader", () => {
  it("plants one wrong-but-confident value at the share asked, and keeps the truth for the scan", () => {
    const docs = Array.from({ length: 400 }, (_, i) =>
      generateDocument(`https://s3.example/ocr-share/${i}/scan.jpg?sim_misread=0.25`),
    );
    const misread = docs.filter((d) => d.misreads?.length);
    expect(misread.length / docs.length).toBeGreaterThan(0.15);
    expect(misread.length / docs.length).toBeLessThan(0.35);
    for (const doc of misread) {
      const [m] = doc.misreads!;
      const extracted = doc.fileData[m!.field] as { value: string; confidence_score: number };
      const printed = doc.printedData![m!.field] as { value: string };
      expect(extracted.value).toBe(m!.extracted);
      expect(printed.value).toBe(m!.printed);
      expect(extracted.value).not.toBe(printed.value);
      expect(extracted.confidence_score).toBe(0.97);
      expect(m!.field).not.toMatch(/aadhaar|vid/);
    }
    // Without the hint nothing changes.
    expect(generateDocument("https://s3.example/ocr-share/1/scan.jpg").misreads).toBeUndefined();
  });
});
