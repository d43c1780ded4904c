/**
 * The two credentials of a flow's callback handshake (atlas-api.md 4.3):
 *
 * 1. A per-application secret, embedded in the `auth_url` we give Atlas. Only its sha256 is
 *    stored, so a database leak does not let anyone post callbacks.
 * 2. A short-lived access token, issued by our auth endpoint to whoever presents that secret,
 *    and required on the callback. It is HMAC-signed and names the application it was issued for, so a
 *    token of one application is worthless on another's callback URL.
 *
 * Pure (the signing key is passed in), so the checks are unit-testable.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";

export const CALLBACK_TOKEN_TTL_MS = 10 * 60_000;
const TOKEN_VERSION = "fcb1";

export function generateApplicationSecret(): string {
  return randomBytes(32).toString("base64url");
}

export function hashApplicationSecret(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

function sameBytes(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Compares hashes (fixed length) in constant time; a missing secret never matches. */
export function applicationSecretMatches(presented: string | null | undefined, storedHash: string): boolean {
  if (!presented) return false;
  return sameBytes(hashApplicationSecret(presented), storedHash);
}

export type CallbackTokenSigner = {
  issue(applicationId: string, nowMs?: number): { accessToken: string; expiresIn: number };
  /** True only for an unexpired token issued for exactly this application. */
  verify(token: string | null | undefined, applicationId: string, nowMs?: number): boolean;
};

/** `key` is secret material (e.g. the app's auth secret); a purpose-specific key is derived from it. */
export function createCallbackTokenSigner(key: string, ttlMs = CALLBACK_TOKEN_TTL_MS): CallbackTokenSigner {
  const derived = createHmac("sha256", key).update("atlas-flow-callback-token").digest();
  const sign = (payload: string) => createHmac("sha256", derived).update(payload).digest("base64url");
  return {
    issue(applicationId, nowMs = Date.now()) {
      const payload = `${TOKEN_VERSION}.${applicationId}.${nowMs + ttlMs}`;
      return { accessToken: `${payload}.${sign(payload)}`, expiresIn: Math.floor(ttlMs / 1000) };
    },
    verify(token, applicationId, nowMs = Date.now()) {
      if (!token) return false;
      const parts = token.split(".");
      if (parts.length !== 4) return false;
      const [version, tokenApplicationId, expires, signature] = parts as [string, string, string, string];
      if (version !== TOKEN_VERSION || tokenApplicationId !== applicationId) return false;
      if (!sameBytes(sign(`${version}.${tokenApplicationId}.${expires}`), signature)) return false;
      const expiresAt = Number(expires);
      return Number.isFinite(expiresAt) && expiresAt > nowMs;
    },
  };
}

/**
 * The token from `Authorization: Bearer <t>`, Atlas's own `Token: <t>` header, or (when a caller
 * cannot set headers) a `token` query parameter of the callback URL.
 */
export function presentedToken(headers: Headers, url?: string): string | null {
  const authorization = headers.get("authorization")?.trim();
  const bearer = authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
  const fromQuery = url ? new URL(url).searchParams.get("token")?.trim() : undefined;
  return bearer ?? headers.get("token")?.trim() ?? (fromQuery || null);
}
