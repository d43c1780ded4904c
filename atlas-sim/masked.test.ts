import { describe, expect, it } from "vitest";
import { generateDocument } from "./generate";
import { MASKED_URL_TTL_SECONDS, maskAadhaarValue } from "./masked";
import { renderDocumentSvg } from "./svg";
import { BASE, SimHarness } from "./test-harness";

const AADHAAR_URL = "https://bucket.s3.example/kyc/aadhaar-07.jpg?X-Amz-Signature=secret-of-the-uploader";

async function aadhaarResult(h: SimHarness, fileUrl = AADHAAR_URL) {
  const t = await h.token("v1/bulk");
  const upload = await h.call(
    "POST",
    "/v1/bulk/multiupload",
    { product_type: "POC_CDL", file_urls: [{ file_url: fileUrl, document_id: "1" }] },
    t,
  );
  expect(upload.status).toBe(201);
  const batchId = (upload.json as unknown as Array<{ batch_id: string }>)[0]!.batch_id;
  const extracts = await h.call("GET", `/v1/bulk/extracts?batch_id=${batchId}`, undefined, t);
  const data = (
    extracts.json as { data: Array<{ file_data: Record<string, { value: string; redact_url: string }> }> }
  ).data;
  return data[0]!.file_data.aadhaar_number!;
}

const get = (h: SimHarness, url: string) => h.sim.handle(new Request(url));

describe("masked copies of Aadhaar scans (redact_url)", () => {
  it("gives a redact_url on the simulator itself, signed now and valid for a week", async () => {
    const h = new SimHarness();
    const field = await aadhaarResult(h);
    const url = new URL(field.redact_url);
    expect(url.href.startsWith(`${BASE}/masked/kyc/aadhaar-07.jpg?`)).toBe(true);
    expect(url.searchParams.get("X-Amz-Date")).toBe("20260115T100000Z");
    expect(Number(url.searchParams.get("X-Amz-Expires"))).toBe(MASKED_URL_TTL_SECONDS);
    expect(url.searchParams.get("X-Amz-Signature")).toMatch(/^[0-9a-f]{64}$/);
    // The uploader's own signature (a storage credential) is not copied into Atlas's link.
    expect(url.href).not.toContain("secret-of-the-uploader");
  });

  it("serves the same card with the number masked, and nowhere the full number", async () => {
    const h = new SimHarness();
    const field = await aadhaarResult(h);
    const response = await get(h, field.redact_url);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/svg+xml");
    const svg = await response.text();
    const digits = field.value.replace(/\D/g, "");
    expect(digits).toHaveLength(12);
    expect(svg).toContain(`XXXX XXXX ${digits.slice(-4)}`);
    expect(svg.replace(/\D/g, "")).not.toContain(digits.slice(0, 8));
    expect(svg).toContain("masked copy");
    // The same document as the original scan (same seed): same holder, same last four digits.
    const original = generateDocument(AADHAAR_URL).fileData as Record<string, { value: string }>;
    expect(original.aadhaar_number!.value).toBe(field.value);
    expect(renderDocumentSvg(generateDocument(AADHAAR_URL))).toContain(field.value);
    expect(svg).toContain(original.name!.value);
  });

  it("masks the planted wrong number of a badcheck scan, not another one", async () => {
    const h = new SimHarness();
    const good = await aadhaarResult(h, "https://s3.example/x/aadhaar-09.jpg");
    const bad = await aadhaarResult(h, "https://s3.example/x/aadhaar-09.jpg?sim_fault=bad_value");
    expect(bad.value).not.toBe(good.value);
    for (const field of [good, bad]) {
      const svg = await (await get(h, field.redact_url)).text();
      expect(svg).toContain(`XXXX XXXX ${field.value.replace(/\D/g, "").slice(-4)}`);
    }
  });

  it("is still served just before the week is up, and refused as expired after", async () => {
    const h = new SimHarness();
    const field = await aadhaarResult(h);
    h.clock += MASKED_URL_TTL_SECONDS * 1000 - 1000;
    expect((await get(h, field.redact_url)).status).toBe(200);
    h.clock += 2000;
    const expired = await get(h, field.redact_url);
    expect(expired.status).toBe(403);
    expect(await expired.text()).toContain("Request has expired");
  });

  it("refuses a link whose signature, date, lifetime, path or hint was altered", async () => {
    const h = new SimHarness();
    const field = await aadhaarResult(h);
    const url = new URL(field.redact_url);
    const altered = (edit: (u: URL) => void) => {
      const u = new URL(url);
      edit(u);
      return u.href;
    };
    const cases = [
      altered((u) => u.searchParams.set("X-Amz-Signature", "0".repeat(64))),
      altered((u) => u.searchParams.delete("X-Amz-Signature")),
      altered((u) => u.searchParams.set("X-Amz-Date", "20260301T000000Z")),
      altered((u) => u.searchParams.set("X-Amz-Expires", "99999999")),
      altered((u) => (u.pathname = u.pathname.replace("aadhaar-07", "aadhaar-08"))),
      altered((u) => u.searchParams.set("sim_fault", "bad_value")),
    ];
    for (const link of cases) {
      const response = await get(h, link);
      expect(response.status, link).toBe(403);
      expect(await response.text()).toMatch(/SignatureDoesNotMatch|AccessDenied/);
    }
  });

  it("signs with a key that survives a restart (links stored by the app stay good)", async () => {
    const h = new SimHarness();
    const field = await aadhaarResult(h);
    h.start();
    expect((await get(h, field.redact_url)).status).toBe(200);
  });

  it("masks as UIDAI prints it", () => {
    expect(maskAadhaarValue("2345 6789 0124")).toBe("XXXX XXXX 0124");
    expect(maskAadhaarValue("234567890124")).toBe("XXXX XXXX 0124");
  });
});
