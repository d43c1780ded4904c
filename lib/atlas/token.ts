import { isAtlasError } from "./errors";
import type { TokenResponse } from "./schemas";

export interface TokenManagerOptions {
  /** Calls the family's authtoken endpoint. */
  obtain: () => Promise<TokenResponse>;
  now: () => number;
  /** Renew this long before expiry (capped at half the token's lifetime). Default 60 s. */
  renewEarlyMs?: number;
}

interface CachedToken {
  token: string;
  renewAt: number;
}

const FALLBACK_LIFETIME_S = 300;

/** The `exp` claim of a JWT, in epoch seconds, without verifying it (we only need a hint). */
function jwtExpiry(token: string): number | undefined {
  const payload = token.split(".")[1];
  if (!payload) return undefined;
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
    const exp = (claims as { exp?: unknown }).exp;
    return typeof exp === "number" ? exp : undefined;
  } catch {
    return undefined;
  }
}

/**
 * One per API family (Bulk and v3 have separate token endpoints). Keeps the JWT in memory,
 * renews it before expiry, and makes concurrent callers share a single renewal.
 */
export class TokenManager {
  private cached?: CachedToken;
  private renewal?: Promise<string>;

  constructor(private readonly options: TokenManagerOptions) {}

  async get(): Promise<string> {
    if (this.cached && this.options.now() < this.cached.renewAt) return this.cached.token;
    this.renewal ??= this.renew().finally(() => {
      this.renewal = undefined;
    });
    return this.renewal;
  }

  /** Tokens currently held, so error messages can be scrubbed of them. */
  knownTokens(): string[] {
    return this.cached ? [this.cached.token] : [];
  }

  /** Forget a token Atlas rejected; a no-op if it was already replaced by another caller. */
  invalidate(token: string): void {
    if (this.cached?.token === token) this.cached = undefined;
  }

  /** Runs `call` with a token; on a 401 renews once and retries once (Atlas refused it unprocessed). */
  async withToken<T>(call: (token: string) => Promise<T>): Promise<T> {
    const token = await this.get();
    try {
      return await call(token);
    } catch (e) {
      if (!isAtlasError(e, "token_rejected")) throw e;
      this.invalidate(token);
      return call(await this.get());
    }
  }

  private async renew(): Promise<string> {
    const now = this.options.now();
    const answer = await this.options.obtain();
    const token = (answer.access_token ?? answer.token)!;
    const exp = jwtExpiry(token);
    const lifetimeMs =
      answer.expires_in !== undefined
        ? answer.expires_in * 1000
        : exp !== undefined
          ? exp * 1000 - now
          : FALLBACK_LIFETIME_S * 1000;
    const early = Math.min(this.options.renewEarlyMs ?? 60_000, lifetimeMs / 2);
    this.cached = { token, renewAt: now + lifetimeMs - early };
    return token;
  }
}
