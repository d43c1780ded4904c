import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  isAadhaarDocumentType,
  isAadhaarField,
  maskAadhaar,
  maskAadhaarInText,
  maskFieldValue,
  redactForLog,
} from "./masking";

describe("maskAadhaar", () => {
  it.each([
    ["234567890127", "XXXX XXXX 0127"],
    ["2345 6789 0127", "XXXX XXXX 0127"],
    ["2345-6789-0127", "XXXX XXXX 0127"],
    ["**** **** 9012", "XXXX XXXX 9012"],
    ["XXXX XXXX 9012", "XXXX XXXX 9012"],
  ])("masks %j as %j", (value, masked) => {
    expect(maskAadhaar(value)).toBe(masked);
  });

  it("keeps only the last four digits of values that are not 12 digits", () => {
    expect(maskAadhaar("2345 6789 012")).toBe("XXXX XXX9 012");
    expect(maskAadhaar("23456789012745")).toBe("XXXXXXXXXX2745");
    expect(maskAadhaar("No. 2345/6789/0127")).toBe("No. XXXX/XXXX/0127");
  });

  it("never leaves more than four digits visible", () => {
    for (const value of ["1", "12345", "2345 6789 0127 99", "a1b2c3d4e5f6g7"]) {
      expect(maskAadhaar(value).replace(/\D/g, "").length).toBeLessThanOrEqual(4);
    }
  });

  it("leaves an empty value empty", () => {
    expect(maskAadhaar("")).toBe("");
  });
});

describe("maskAadhaarInText", () => {
  it("masks grouped and plain 12-digit numbers in free text", () => {
    expect(maskAadhaarInText("S/O Ravi, UID 2345 6789 0127, Pune 411001")).toBe(
      "S/O Ravi, UID XXXX XXXX 0127, Pune 411001",
    );
    expect(maskAadhaarInText("aadhaar=234567890127;")).toBe("aadhaar=XXXX XXXX 0127;");
    expect(maskAadhaarInText("2345-6789-0127 and 9876 5432 1098")).toBe("XXXX XXXX 0127 and XXXX XXXX 1098");
  });

  it("masks numbers whose check digit is wrong too", () => {
    expect(maskAadhaarInText("id 234567890128")).toBe("id XXXX XXXX 0128");
  });

  it("leaves other numbers alone", () => {
    const text =
      "PIN 411001, phone 98765 43210, +91 98765 43210, IMEI 356938035643809, 1234 5678 9012 (starts with 1), " +
      "₹1,50,000.00, 2024-01-31, 31/01/2024, id 550e8400-e29b-41d4-a716-446655440000, 13 digits 2345678901245";
    expect(maskAadhaarInText(text)).toBe(text);
  });

  it.each([
    "2345 6789\n    0127",
    "2345\r\n\t\t6789\r\n\t\t0127",
    "2345 \u00A0 \t 6789 0127",
    "2345    6789    0127",
    "२३४५\u3000\u3000\u3000\u3000६७८९ - - ०१२७",
  ])("masks a number whose groups are wrapped or padded with several separators: %j", (text) => {
    expect(maskAadhaarInText(`Address: ${text}, Pune`)).toBe("Address: XXXX XXXX 0127, Pune");
  });

  it("masks a group separated by nothing: 2345 67890127 is an Aadhaar-like number too", () => {
    expect(maskAadhaarInText("no 2345 67890127.")).toBe("no XXXX XXXX 0127.");
  });
});

describe("isAadhaarField", () => {
  it.each([
    ["AADHAAR", "aadhaar_number"],
    ["KYC_FORM", "aadhaar_number"],
    ["KYC_FORM", "applicants[1].aadhaar_number"],
    ["AADHAAR", "aadhaar_number.value"],
    ["AADHAAR", "uid"],
    ["aadhaar", "uid"],
    ["AADHAAR_FRONT", "uid_number"],
  ])("%s %s is an Aadhaar field", (type, path) => {
    expect(isAadhaarField(type, path)).toBe(true);
  });

  it.each([
    ["AADHAAR", "name"],
    ["PAN", "pan_number"],
    ["SOMETHING", "uid"],
    ["AADHAAR", "aadhaar_number_confidence_note"],
  ])("%s %s is not", (type, path) => {
    expect(isAadhaarField(type, path)).toBe(false);
  });
});

describe("maskFieldValue", () => {
  it("masks an Aadhaar field whatever its shape", () => {
    expect(maskFieldValue("AADHAAR", "aadhaar_number", "2345 6789 0127")).toBe("XXXX XXXX 0127");
    expect(maskFieldValue("AADHAAR", "aadhaar_number", 234567890127)).toBe("XXXX XXXX 0127");
    expect(maskFieldValue("AADHAAR", "aadhaar_number", "2345 6789 012")).toBe("XXXX XXX9 012");
  });

  it("masks Aadhaar numbers quoted inside other fields, nested ones included", () => {
    expect(maskFieldValue("AADHAAR", "address", "C/O 234567890127, MG Road")).toBe(
      "C/O XXXX XXXX 0127, MG Road",
    );
    expect(
      maskFieldValue("AADHAAR", "formatted_address", {
        address_line_1: "UID 2345 6789 0127",
        postcode: "411001",
      }),
    ).toEqual({ address_line_1: "UID XXXX XXXX 0127", postcode: "411001" });
  });

  it("leaves account numbers and other values readable", () => {
    expect(maskFieldValue("BANK_STATEMENT", "account_number", "234567890127")).toBe("234567890127");
    expect(maskFieldValue("PAN", "pan_number", "ABCPE1234F")).toBe("ABCPE1234F");
    expect(maskFieldValue("INVOICE", "total_amount", 45000)).toBe(45000);
    expect(maskFieldValue("X", "empty", null)).toBeNull();
  });
});

describe("redactForLog", () => {
  it("redacts passwords written into messages: URL user parts, key=value pairs, connection strings", () => {
    const cases: Array<[string, string]> = [
      [
        "connect ECONNREFUSED 10.0.0.5:5432 password=hunter2",
        "connect ECONNREFUSED 10.0.0.5:5432 password=[redacted]",
      ],
      [
        "could not open postgres://atlas:s3cr%40t@db.internal:5432/review",
        "could not open postgres://atlas:[redacted]@db.internal:5432/review",
      ],
      ["redis://:hunter2@127.0.0.1:6379/0 refused", "redis://:[redacted]@127.0.0.1:6379/0 refused"],
      [
        "host=db user=atlas password='p a ss' dbname=review",
        "host=db user=atlas password=[redacted] dbname=review",
      ],
      ["ATLAS_CLIENT_SECRET=abc123, retrying", "ATLAS_CLIENT_SECRET=[redacted], retrying"],
      ["api_key = xyz; next", "api_key = [redacted]; next"],
      ["refresh failed: access_token=eyJ.a.b expired", "refresh failed: access_token=[redacted] expired"],
    ];
    for (const [message, logged] of cases) {
      expect(redactForLog({ message })).toEqual({ message: logged });
      expect((redactForLog(new Error(message)) as { message: string }).message).toBe(logged);
    }
    // What is not a secret stays: a URL without a password, the words themselves, a passport.
    for (const message of [
      "GET https://atlas.example/v3/batch?page=2 failed",
      "postgres://atlas@db:5432/review",
      "the password is wrong",
      "passport_number K1234567",
      "ATLAS_CLIENT_SECRET: Required",
    ])
      expect(redactForLog({ message })).toEqual({ message });
  });

  it("redacts the whole of any password in a URL, a key=value pair or a quoted JSON member", () => {
    // Printable characters a password may hold (in a URL, none that ends its user part).
    const password = (extra: string) =>
      fc
        .array(fc.constantFrom(..."abcXYZ0189@;,)(!$%^*-_.~+".split(""), ...extra.split("")), {
          minLength: 8,
          maxLength: 16,
        })
        .map((c) => c.join(""));
    fc.assert(
      fc.property(password(":"), password(""), password("{}[]"), (inUrl, inPair, inJson) => {
        const message = [
          `could not connect to postgres://atlas:${inUrl}@db.internal:5432/review`,
          `host=db password=${inPair} dbname=review`,
          `Atlas said ${JSON.stringify({ client_secret: inJson, user: "atlas" })}`,
        ].join("; ");
        const logged = (redactForLog({ message }) as { message: string }).message;
        for (const secret of [inUrl, inPair, inJson]) expect(logged).not.toContain(secret);
        expect(logged).toContain("postgres://atlas:[redacted]@db.internal:5432/review");
        expect(logged).toContain('{"client_secret":"[redacted]","user":"atlas"}');
      }),
      { numRuns: 500 },
    );
    for (const [message, logged] of [
      ["postgres://atlas:p@ss@db:5432/review", "postgres://atlas:[redacted]@db:5432/review"],
      ["host=db password=ab;cd user=atlas", "host=db password=[redacted] user=atlas"],
      ["(password=hunter2)", "(password=[redacted])"],
      // Not a password: an "@" in the query of a URL with a port.
      ["GET https://atlas.example:8443?email=a@b.example failed", null],
    ] as const)
      expect(redactForLog({ message })).toEqual({ message: logged ?? message });
  });

  it("redacts secret-named keys at any depth", () => {
    const input = {
      user: "asha",
      password: "hunter2",
      auth: { client_secret: "s3", access_token: "t", Authorization: "Bearer abc" },
      headers: [{ authorization: "Basic xyz", accept: "json" }],
      passport_number: "K1234567",
    };
    expect(redactForLog(input)).toEqual({
      user: "asha",
      password: "[redacted]",
      auth: { client_secret: "[redacted]", access_token: "[redacted]", Authorization: "[redacted]" },
      headers: [{ authorization: "[redacted]", accept: "json" }],
      passport_number: "K1234567",
    });
  });

  it("masks Aadhaar values in fields, field objects and free text", () => {
    const output = redactForLog({
      aadhaar_number: { value: "2345 6789 012", confidence_score: 0.97 },
      doc: { aadhaar: 234567890127 },
      message: "upload failed for 2345-6789-0127",
    });
    expect(output).toEqual({
      aadhaar_number: { value: "XXXX XXX9 012", confidence_score: 0.97 },
      doc: { aadhaar: "XXXX XXXX 0127" },
      message: "upload failed for XXXX XXXX 0127",
    });
  });

  it("redacts signatures of pre-signed URLs and bearer tokens in text", () => {
    const url =
      "https://b.s3.amazonaws.com/a.jpg?X-Amz-Date=20250101T000000Z&X-Amz-Signature=abc123&X-Amz-Credential=AKIA%2F1";
    expect(redactForLog({ url, note: "sent Bearer eyJhbGci.x.y" })).toEqual({
      url: "https://b.s3.amazonaws.com/a.jpg?X-Amz-Date=20250101T000000Z&X-Amz-Signature=[redacted]&X-Amz-Credential=[redacted]",
      note: "sent Bearer [redacted]",
    });
  });

  it.each([
    [
      "GCS V4",
      "https://storage.googleapis.com/b/a.pdf?X-Goog-Algorithm=GOOG4-RSA-SHA256&X-Goog-Credential=sa%40p.iam&X-Goog-Date=20251121T113000Z&X-Goog-Expires=900&X-Goog-Signature=8e1f",
      ["sa%40p.iam", "8e1f"],
    ],
    [
      "Azure SAS",
      "https://acct.blob.core.windows.net/c/a.pdf?sv=2022-11-02&se=2025-11-21T18%3A30%3A00Z&sr=b&sp=r&sig=Zm9v%2Bbar%3D",
      ["Zm9v%2Bbar%3D"],
    ],
    [
      "CloudFront custom policy",
      "https://d1.cloudfront.net/a.pdf?Policy=eyJTdGF0ZW1lbnQiOltdfQ__&Signature=abc~def_&Key-Pair-Id=K2JC",
      ["eyJTdGF0ZW1lbnQiOltdfQ__", "abc~def_", "K2JC"],
    ],
    [
      "OSS V4",
      "https://b.oss-ap-south-1.aliyuncs.com/a.pdf?x-oss-signature-version=OSS4-HMAC-SHA256&x-oss-credential=LTAI%2F2025&x-oss-date=20251121T113000Z&x-oss-expires=60&x-oss-signature=2a2e6f",
      ["LTAI%2F2025", "2a2e6f"],
    ],
    [
      "Tencent COS",
      "https://b-125.cos.ap-mumbai.myqcloud.com/a.pdf?q-sign-algorithm=sha1&q-ak=AKIDx&q-sign-time=1%3B2&q-signature=ab12cd",
      ["AKIDx", "ab12cd"],
    ],
  ])("redacts the signature of a %s link in logs", (_name, url, secrets) => {
    const logged = redactForLog({ message: `fetch failed for ${url}` }) as { message: string };
    for (const secret of secrets) expect(logged.message).not.toContain(secret);
    expect(logged.message).toContain("[redacted]");
  });

  it("deep-copies without touching the input, copes with cycles and shared references", () => {
    const shared = { n: 1 };
    const input: Record<string, unknown> = { a: shared, b: shared, token: "t", when: new Date(0) };
    input.self = input;
    const output = redactForLog(input) as Record<string, unknown>;
    expect(output).toEqual({
      a: { n: 1 },
      b: { n: 1 },
      token: "[redacted]",
      when: new Date(0),
      self: "[circular]",
    });
    expect(output.a).not.toBe(shared);
    expect(input.token).toBe("t");
  });

  it("keeps an error's message and stack, masked", () => {
    const output = redactForLog(new Error("bad aadhaar 234567890127")) as Record<string, unknown>;
    expect(output.message).toBe("bad aadhaar XXXX XXXX 0127");
    expect(output.stack).not.toContain("234567890127");
  });
});

describe("isAadhaarDocumentType", () => {
  it.each([
    "AADHAAR",
    "aadhaar",
    "Aadhaar Card",
    "AADHAAR_FRONT",
    "AADHAAR_BACK",
    "E_AADHAAR",
    "masked-aadhar",
    "UIDAI_LETTER",
  ])("%s names an Aadhaar card", (type) => expect(isAadhaarDocumentType(type)).toBe(true));
  it.each(["PAN", "PASSPORT", "VOTER_ID", "UNKNOWN", "", null, undefined])("%s does not", (type) =>
    expect(isAadhaarDocumentType(type)).toBe(false),
  );
});
