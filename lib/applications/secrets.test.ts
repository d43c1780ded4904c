import { describe, expect, it } from "vitest";
import {
  createCallbackTokenSigner,
  flowSecretMatches,
  generateFlowSecret,
  hashFlowSecret,
  presentedToken,
} from "./secrets";

const FLOW = "0b5f6a2e-5c1f-4c1e-9a57-3f1d2b8e6c10";
const OTHER = "7d9e4c2a-1b3f-4e5d-8c6a-9f0e1d2c3b4a";

describe("flow secrets and callback tokens", () => {
  it("matches a secret only against its own hash", () => {
    const secret = generateFlowSecret();
    expect(secret.length).toBeGreaterThanOrEqual(40);
    expect(flowSecretMatches(secret, hashFlowSecret(secret))).toBe(true);
    expect(flowSecretMatches(generateFlowSecret(), hashFlowSecret(secret))).toBe(false);
    expect(flowSecretMatches("", hashFlowSecret(""))).toBe(false);
    expect(flowSecretMatches(null, hashFlowSecret(secret))).toBe(false);
  });

  it("accepts a token only for its flow, before it expires, signed with the same key", () => {
    const signer = createCallbackTokenSigner("key-one-0123456789abcdef0123456789");
    const { accessToken, expiresIn } = signer.issue(FLOW, 1_000_000);
    expect(expiresIn).toBe(600);
    expect(signer.verify(accessToken, FLOW, 1_000_001)).toBe(true);
    expect(signer.verify(accessToken, OTHER, 1_000_001)).toBe(false);
    expect(signer.verify(accessToken, FLOW, 1_000_000 + 600_000)).toBe(false);
    expect(signer.verify(accessToken.replace(FLOW, OTHER), OTHER, 1_000_001)).toBe(false);
    expect(
      createCallbackTokenSigner("key-two-0123456789abcdef0123456789").verify(accessToken, FLOW, 1_000_001),
    ).toBe(false);
    expect(signer.verify(undefined, FLOW)).toBe(false);
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
