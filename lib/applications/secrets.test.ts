import { describe, expect, it } from "vitest";
import {
  createCallbackTokenSigner,
  applicationSecretMatches,
  generateApplicationSecret,
  hashApplicationSecret,
  presentedToken,
} from "./secrets";

const APPLICATION = "0b5f6a2e-5c1f-4c1e-9a57-3f1d2b8e6c10";
const OTHER = "7d9e4c2a-1b3f-4e5d-8c6a-9f0e1d2c3b4a";

describe("application secrets and callback tokens", () => {
  it("matches a secret only against its own hash", () => {
    const secret = generateApplicationSecret();
    expect(secret.length).toBeGreaterThanOrEqual(40);
    expect(applicationSecretMatches(secret, hashApplicationSecret(secret))).toBe(true);
    expect(applicationSecretMatches(generateApplicationSecret(), hashApplicationSecret(secret))).toBe(false);
    expect(applicationSecretMatches("", hashApplicationSecret(""))).toBe(false);
    expect(applicationSecretMatches(null, hashApplicationSecret(secret))).toBe(false);
  });

  it("accepts a token only for its flow, before it expires, signed with the same key", () => {
    const signer = createCallbackTokenSigner("key-one-0123456789abcdef0123456789");
    const { accessToken, expiresIn } = signer.issue(APPLICATION, 1_000_000);
    expect(expiresIn).toBe(600);
    expect(signer.verify(accessToken, APPLICATION, 1_000_001)).toBe(true);
    expect(signer.verify(accessToken, OTHER, 1_000_001)).toBe(false);
    expect(signer.verify(accessToken, APPLICATION, 1_000_000 + 600_000)).toBe(false);
    expect(signer.verify(accessToken.replace(APPLICATION, OTHER), OTHER, 1_000_001)).toBe(false);
    expect(
      createCallbackTokenSigner("key-two-0123456789abcdef0123456789").verify(
        accessToken,
        APPLICATION,
        1_000_001,
      ),
    ).toBe(false);
    expect(signer.verify(undefined, APPLICATION)).toBe(false);
  });

  it("reads the token from Authorization: Bearer, Atlas's Token header, or a token query parameter", () => {
    expect(presentedToken(new Headers(), "https://app.test/api/flows/x/callback?token=qrs")).toBe("qrs");
    expect(presentedToken(new Headers({ token: "xyz" }), "https://app.test/cb?token=qrs")).toBe("xyz");
    expect(presentedToken(new Headers(), "https://app.test/cb?token=")).toBeNull();
    expect(presentedToken(new Headers({ authorization: "Bearer abc" }))).toBe("abc");
    expect(presentedToken(new Headers({ token: "xyz" }))).toBe("xyz");
    expect(presentedToken(new Headers({ authorization: "Basic abc" }))).toBeNull();
    expect(presentedToken(new Headers())).toBeNull();
  });
});
