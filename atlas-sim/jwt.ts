import { createHmac, timingSafeEqual } from "node:crypto";

const b64url = (data: Buffer | string) => Buffer.from(data).toString("base64url");

export type JwtClaims = Record<string, unknown> & { exp: number; iat: number };

/** Minimal HS256 JWT, enough to look and behave like Atlas's tokens. */
export function signJwt(claims: JwtClaims, secret: string): string {
  const header = b64url(JSON.stringify({ alg: "HS256", typ: "JWT" }));
  const payload = b64url(JSON.stringify(claims));
  const signature = createHmac("sha256", secret).update(`${header}.${payload}`).digest("base64url");
  return `${header}.${payload}.${signature}`;
}

export type JwtCheck =
  | { ok: true; claims: JwtClaims }
  | { ok: false; reason: "Signature verification failed" | "Signature has expired" | "Malformed token" };

export function verifyJwt(token: string, secret: string, nowMs: number): JwtCheck {
  const parts = token.split(".");
  if (parts.length !== 3) return { ok: false, reason: "Malformed token" };
  const [header, payload, signature] = parts as [string, string, string];
  const expected = createHmac("sha256", secret).update(`${header}.${payload}`).digest();
  const given = Buffer.from(signature, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, reason: "Signature verification failed" };
  }
  let claims: JwtClaims;
  try {
    claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as JwtClaims;
  } catch {
    return { ok: false, reason: "Malformed token" };
  }
  if (typeof claims.exp !== "number" || claims.exp * 1000 <= nowMs) {
    return { ok: false, reason: "Signature has expired" };
  }
  return { ok: true, claims };
}
