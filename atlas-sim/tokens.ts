import { randomUUID } from "node:crypto";
import { signJwt, verifyJwt } from "./jwt";

/** Token-issuing API families. A token is only accepted by the family that issued it. */
export type SimFamily = "bulk" | "docstream" | "v3";

export const TOKEN_LIFETIME_SECONDS = 3600;

export type TokenCheck = { ok: true } | { ok: false; reason: string };

export class TokenAuthority {
  private nextSerial = 1;
  private firstValidSerial = 1;
  /** Counts tokens issued per family, so tests can assert how often a client renewed. */
  readonly issuedCount: Record<SimFamily, number> = { bulk: 0, docstream: 0, v3: 0 };

  constructor(
    private readonly secret: string,
    private readonly now: () => number,
    private readonly lifetimeSeconds = TOKEN_LIFETIME_SECONDS,
  ) {}

  issue(family: SimFamily, clientId: string): { access_token: string; expires_in: number } {
    const iat = Math.floor(this.now() / 1000);
    this.issuedCount[family] += 1;
    const claims = { sub: clientId, fam: family, jti: randomUUID(), sn: this.nextSerial++, iat };
    const token = signJwt({ ...claims, exp: iat + this.lifetimeSeconds }, this.secret);
    return { access_token: token, expires_in: this.lifetimeSeconds };
  }

  check(token: string | null, family: SimFamily): TokenCheck {
    if (!token) return { ok: false, reason: "Missing Token header" };
    const result = verifyJwt(token, this.secret, this.now());
    if (!result.ok) return { ok: false, reason: result.reason };
    const { fam, sn } = result.claims;
    if (fam !== family) return { ok: false, reason: "Token was not issued for this API" };
    if (typeof sn !== "number" || sn < this.firstValidSerial)
      return { ok: false, reason: "Token has been revoked" };
    return { ok: true };
  }

  /** Every token issued so far stops working (as after a credential rotation at Atlas). */
  revokeAll(): void {
    this.firstValidSerial = this.nextSerial;
  }

  reset(): void {
    this.revokeAll();
    for (const family of Object.keys(this.issuedCount) as SimFamily[]) this.issuedCount[family] = 0;
  }
}
