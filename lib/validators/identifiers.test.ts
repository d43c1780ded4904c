import { describe, expect, it } from "vitest";
import { validateAadhaar } from "./aadhaar";
import { validateIfsc, validatePincode } from "./bank-and-postal";
import { gstinCheckChar, verhoeffCheckDigit } from "./checksum";
import { isGstStateCode, panInGstin, validateGstin } from "./gstin";
import { PAN_HOLDER_TYPES, validatePan } from "./pan";
import { isBlocking, type ValidationResult } from "./types";

const checkOf = (result: ValidationResult) =>
  result.ok ? ("note" in result ? result.note : "ok") : result.check;

describe("validateAadhaar", () => {
  // Vectors checked with the npm stdnum package (the earlier 234567890127 and 498736251483 were
  // made with two wrong rows of the permutation table).
  it.each(["234567890124", "498736251484", "999999990019", "999941057058", "200000060006"])(
    "accepts %s",
    (value) => {
      expect(validateAadhaar(value)).toEqual({ ok: true });
    },
  );

  it("accepts numbers built with the Verhoeff helper", () => {
    for (const payload of ["28473619205", "73920184756", "60000000000"]) {
      expect(validateAadhaar(payload + verhoeffCheckDigit(payload))).toEqual({ ok: true });
    }
  });

  it("tolerates spaces and hyphens", () => {
    expect(validateAadhaar("2345 6789 0124")).toEqual({ ok: true });
    expect(validateAadhaar(" 2345-6789-0124 ")).toEqual({ ok: true });
  });

  it("rejects a wrong check digit", () => {
    const result = validateAadhaar("234567890127");
    expect(result).toEqual({
      ok: false,
      check: "aadhaar.checksum",
      message: expect.stringContaining("Aadhaar check digit is wrong (Verhoeff)"),
      severity: "error",
    });
    expect(checkOf(validateAadhaar("200000060007"))).toBe("aadhaar.checksum");
    expect(isBlocking(result)).toBe(true);
  });

  it("catches a single-digit misread and an adjacent swap", () => {
    expect(checkOf(validateAadhaar("234567390124"))).toBe("aadhaar.checksum");
    expect(checkOf(validateAadhaar("234567809124"))).toBe("aadhaar.checksum");
  });

  it.each([
    ["12345678901", "aadhaar.format"],
    ["2345678901234", "aadhaar.format"],
    ["23456789012A", "aadhaar.format"],
    ["", "aadhaar.format"],
  ])("rejects the shape of %j", (value, check) => {
    expect(checkOf(validateAadhaar(value))).toBe(check);
  });

  it("rejects a first digit 0 or 1 even with a valid check digit", () => {
    for (const payload of ["03456789012", "13456789012"]) {
      expect(checkOf(validateAadhaar(payload + verhoeffCheckDigit(payload)))).toBe("aadhaar.first_digit");
    }
  });

  it.each(["XXXX XXXX 1234", "**** **** 9012", "xxxxxxxx1234", "••••••••1234"])(
    "reports %j as masked, not failed",
    (value) => {
      expect(validateAadhaar(value)).toEqual({
        ok: true,
        note: "masked",
        message: expect.stringMatching(/masked/),
      });
    },
  );
});

describe("validatePan", () => {
  it.each(["ABCPE1234F", "AAACR5055K", "aaapf1234c", "ABCPE 1234 F"])("accepts %j", (value) => {
    expect(validatePan(value)).toEqual({ ok: true });
  });

  it("accepts every holder type letter", () => {
    for (const holder of PAN_HOLDER_TYPES) expect(validatePan(`ABC${holder}E1234F`)).toEqual({ ok: true });
  });

  it.each([
    ["ABCDE1234F", "pan.holder_type"],
    ["ABCXE1234F", "pan.holder_type"],
    ["ABCP1234EF", "pan.format"],
    ["ABCPE12345", "pan.format"],
    ["ABCPE1234", "pan.format"],
    ["ABCPEO234F", "pan.format"],
  ])("rejects %s with %s", (value, check) => {
    expect(checkOf(validatePan(value))).toBe(check);
  });

  it("names the bad holder letter in the message", () => {
    expect(validatePan("ABCDE1234F")).toMatchObject({
      message: expect.stringContaining("PAN 4th letter D is not a holder type"),
    });
  });

  it("treats an asterisk-masked PAN as masked", () => {
    expect(checkOf(validatePan("ABCP****4F"))).toBe("masked");
  });
});

describe("validateGstin", () => {
  it.each(["27AAPFU0939F1Z", "29ABCPE1234F1Z", "33ABCPK1234D1Z", "01AAATA1234B9Z", "19AAAHA1234BAZ"])(
    "accepts %s plus its computed check character",
    (first14) => {
      expect(validateGstin(first14 + gstinCheckChar(first14))).toEqual({ ok: true });
    },
  );

  it("accepts hard-coded known-valid GSTINs, with spaces and lower case", () => {
    expect(validateGstin("27AAPFU0939F1ZV")).toEqual({ ok: true });
    expect(validateGstin("07AAACR5055K1Z9")).toEqual({ ok: true });
    expect(validateGstin("33ABCPK1234D1ZG")).toEqual({ ok: true });
    expect(validateGstin("97AAACR5055K1Z0")).toEqual({ ok: true });
    expect(validateGstin("27 aapfu 0939 f1zv")).toEqual({ ok: true });
  });

  it("rejects a wrong check character", () => {
    expect(validateGstin("27AAPFU0939F1ZW")).toMatchObject({ ok: false, check: "gstin.checksum" });
  });

  it.each([
    ["27AAPFU0939F1Z", "gstin.format"],
    ["27AAPFU0939F1Z-V1", "gstin.format"],
    ["27AAPFU0939F1Z#", "gstin.format"],
    ["00AAPFU0939F1ZV", "gstin.state_code"],
    ["39AAPFU0939F1ZV", "gstin.state_code"],
    ["98AAPFU0939F1ZV", "gstin.state_code"],
    ["27AAPDU0939F1ZV", "gstin.embedded_pan"],
    ["27AAPF1093911ZV", "gstin.embedded_pan"],
    // A misread U→1 turns the PAN into a TAN shape (tax deductors' GSTINs); the check character catches it.
    ["27AAPF10939F1ZV", "gstin.checksum"],
    ["27AAPFU0939F0ZV", "gstin.entity_number"],
  ])("rejects %s with %s", (value, check) => {
    expect(checkOf(validateGstin(value))).toBe(check);
  });

  it("accepts S, C and D as 14th character (ISD, TCS, TDS) and only warns on other letters", () => {
    for (const kind of "SCD") {
      const first14 = `27AAPFU0939F1${kind}`;
      expect(validateGstin(first14 + gstinCheckChar(first14))).toEqual({ ok: true });
    }
    const odd = "27AAPFU0939F1Q";
    const result = validateGstin(odd + gstinCheckChar(odd));
    expect(result).toMatchObject({ ok: false, check: "gstin.default_char", severity: "warning" });
    expect(isBlocking(result)).toBe(false);
  });

  it("does not require a PAN in Centre Jurisdiction (99) registrations", () => {
    const first14 = "9917USA00001UN";
    expect(validateGstin(first14 + gstinCheckChar(first14))).toEqual({ ok: true });
    expect(panInGstin(first14 + gstinCheckChar(first14))).toBeNull();
  });

  it("knows the state codes", () => {
    expect(["01", "27", "38", "97", "99"].every(isGstStateCode)).toBe(true);
    expect(["00", "39", "96", "98", "7"].some(isGstStateCode)).toBe(false);
  });

  it("extracts the embedded PAN", () => {
    expect(panInGstin("27AAPFU0939F1ZV")).toBe("AAPFU0939F");
  });
});

describe("validateIfsc", () => {
  it.each(["SBIN0001234", "HDFC0ABC123", "icic0000001", "SBIN 0001234"])("accepts %j", (value) => {
    expect(validateIfsc(value)).toEqual({ ok: true });
  });

  it.each([
    ["SBINO001234", "ifsc.fifth_char"],
    ["SBIN1001234", "ifsc.fifth_char"],
    ["SBI00001234", "ifsc.format"],
    ["SBIN000123", "ifsc.format"],
    ["SBIN00012345", "ifsc.format"],
    ["1BIN0001234", "ifsc.format"],
  ])("rejects %s with %s", (value, check) => {
    expect(checkOf(validateIfsc(value))).toBe(check);
  });
});

describe("validatePincode", () => {
  it.each(["411001", "110001", "999001", "560 001"])("accepts %j", (value) => {
    expect(validatePincode(value)).toEqual({ ok: true });
  });

  it.each([
    ["011001", "pincode.first_digit"],
    ["41100", "pincode.format"],
    ["4110011", "pincode.format"],
    ["41I001", "pincode.format"],
  ])("rejects %s with %s", (value, check) => {
    expect(checkOf(validatePincode(value))).toBe(check);
  });
});
