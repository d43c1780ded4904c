/**
 * The real sign-in endpoint (Auth.js's credentials callback, our `authorize`, the lock-out and
 * the audit trail) behind a real Node HTTP server with the socket-address hook installed, as
 * under `next start`: parallel guesses, forged X-Forwarded-For headers, and session cookies that
 * must stop working after sign-out or a password reset.
 */
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { loginAttempts } from "@/lib/db/schema";
import { resetEnvForTests } from "@/lib/env";
import { SYSTEM_ACTOR, listAudit } from "@/lib/db/queries/audit";
import { createUser } from "@/lib/db/queries/users";
import { testDrivers, useTestDatabase } from "@/lib/db/test-utils";
import type { Db } from "@/lib/db";
import { hashPassword } from "./password";

const state = vi.hoisted(() => ({
  db: null as unknown,
  headers: new Headers(),
  setCookies: [] as string[],
}));
vi.mock("@/lib/db", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/db")>()),
  getDb: async () => state.db,
}));
// Server actions and getCurrentUser read the request through next/headers: hand them the
// cookies of the "browser" under test.
vi.mock("next/headers", () => ({
  headers: async () => state.headers,
  cookies: async () => ({
    get: (name: string) => {
      const value = cookieValue(state.headers.get("cookie") ?? "", name);
      return value === undefined ? undefined : { name, value };
    },
    getAll: () => [],
    has: (name: string) => cookieValue(state.headers.get("cookie") ?? "", name) !== undefined,
    set: (name: string, value: string) => state.setCookies.push(`${name}=${value}`),
    delete: () => undefined,
  }),
}));

// Outside a Next request there is no page cache to revalidate.
vi.mock("next/cache", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next/cache")>()),
  revalidatePath: () => undefined,
}));

function cookieValue(header: string, name: string): string | undefined {
  for (const part of header.split(/;\s*/)) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq) === name) return part.slice(eq + 1);
  }
  return undefined;
}

const PASSWORD = "right-password-2026";
const SESSION_COOKIE = "authjs.session-token";

let server: http.Server;
let base = "";
let handlers: typeof import("./index").handlers;

/** Bridges Node's request to the Auth.js route handlers, the way Next's server does. */
async function bridge(req: IncomingMessage, res: ServerResponse) {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === "string") headers.set(name, value);
    else if (Array.isArray(value)) headers.set(name, value.join(", "));
  }
  const request = new Request(`${base}${req.url}`, {
    method: req.method,
    headers,
    body: req.method === "POST" ? Buffer.concat(chunks) : undefined,
  });
  const handler = req.method === "POST" ? handlers.POST : handlers.GET;
  const response = await handler(request as Parameters<typeof handler>[0]);
  res.statusCode = response.status;
  response.headers.forEach((value, name) => {
    if (name !== "set-cookie") res.setHeader(name, value);
  });
  res.setHeader("set-cookie", response.headers.getSetCookie());
  res.end(Buffer.from(await response.arrayBuffer()));
}

async function csrf(): Promise<{ token: string; cookie: string }> {
  const response = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  const cookie = response.headers.getSetCookie().map((c) => c.split(";")[0]!);
  return { token: csrfToken, cookie: cookie.join("; ") };
}

type Attempt = { session: string | null; location: string };

async function signIn(
  email: string,
  password: string,
  csrfPair: { token: string; cookie: string },
  forwardedFor?: string,
): Promise<Attempt> {
  const response = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      cookie: csrfPair.cookie,
      // A client's own claims about its address, and an attempt to forge our header.
      ...(forwardedFor
        ? { "x-forwarded-for": forwardedFor, "x-real-ip": forwardedFor, "x-atlas-peer": `x ${forwardedFor}` }
        : {}),
    },
    body: new URLSearchParams({ email, password, csrfToken: csrfPair.token, callbackUrl: "/" }),
  });
  const session = response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0]!)
    .find((c) => c.startsWith(`${SESSION_COOKIE}=`) && c.length > SESSION_COOKIE.length + 1);
  return { session: session ?? null, location: response.headers.get("location") ?? "" };
}

beforeAll(async () => {
  process.env.AUTH_SECRET = "sign-in-endpoint-test-secret-0123456789abcdef";
  process.env.TRUSTED_PROXY_HOPS = "0";
  resetEnvForTests();
  const { installPeerStamp } = await import("./client-address");
  installPeerStamp();
  ({ handlers } = await import("./index"));
  server = http.createServer((req, res) => {
    bridge(req, res).catch((error: unknown) => {
      res.statusCode = 500;
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  delete process.env.TRUSTED_PROXY_HOPS;
  resetEnvForTests();
});

describe.each(testDrivers)("the sign-in endpoint on %s", (driver) => {
  const t = useTestDatabase(driver);
  let n = 0;

  beforeEach(async () => {
    state.db = t.db;
    await t.db.delete(loginAttempts);
  });

  async function newUser(role: "admin" | "reviewer" = "reviewer") {
    const email = `user-${driver}-${++n}@example.com`;
    const user = await createUser(
      t.db as Db,
      { email, name: `User ${n}`, role, passwordHash: await hashPassword(PASSWORD) },
      SYSTEM_ACTOR,
    );
    return { ...user, email };
  }

  async function auditOf(email: string) {
    const { events } = await listAudit(t.db, { limit: 500, offset: 0 });
    return events.filter((r) => r.actorEmail === email);
  }

  it("signs in with the right password (control)", async () => {
    const user = await newUser();
    const attempt = await signIn(user.email, PASSWORD, await csrf());
    expect(attempt.session).not.toBeNull();
  });

  it("50 parallel wrong guesses, then the right password: no sign-in", async () => {
    const user = await newUser();
    const pair = await csrf();
    const guesses = await Promise.all(
      Array.from({ length: 50 }, (_, i) => signIn(user.email, `wrong-${i}`, pair)),
    );
    expect(guesses.every((g) => g.session === null)).toBe(true);
    const audit = await auditOf(user.email);
    // Exactly the policy's five were checked; the other 45 were refused unchecked.
    expect(audit.filter((r) => r.action === "auth.sign_in_failed")).toHaveLength(5);
    expect(audit.filter((r) => r.action === "auth.sign_in_refused")).toHaveLength(45);

    // The address lock is lifted here, so that the refusal below is the account's own.
    await t.db.delete(loginAttempts).where(eq(loginAttempts.key, "ip:127.0.0.1"));
    const right = await signIn(user.email, PASSWORD, pair);
    expect(right.session).toBeNull();
    expect(decodeURIComponent(right.location)).toMatch(/code=locked:\d+/);
  });

  it("the right password sent among 60 parallel guesses does not get past the limit", async () => {
    const user = await newUser();
    const pair = await csrf();
    // The right guess is last: it arrives once five wrong ones have taken every slot.
    const guesses = Array.from({ length: 59 }, (_, i) => signIn(user.email, `wrong-${i}`, pair));
    await Promise.all(guesses.slice(0, 10));
    const all = await Promise.all([...guesses, signIn(user.email, PASSWORD, pair)]);
    expect(all.filter((a) => a.session !== null)).toHaveLength(0);
  });

  it("ignores a forged X-Forwarded-For with TRUSTED_PROXY_HOPS=0: the socket address is limited and audited", async () => {
    const user = await newUser();
    const pair = await csrf();
    // 20 wrong guesses at 20 made-up accounts, each claiming another address.
    for (let i = 0; i < 20; i++) {
      await signIn(`nobody-${driver}-${i}@example.com`, "wrong", pair, `203.0.113.${i + 1}`);
    }
    const right = await signIn(user.email, PASSWORD, pair, "198.51.100.77");
    expect(right.session).toBeNull();
    expect(decodeURIComponent(right.location)).toMatch(/code=locked:\d+/);
    const { events } = await listAudit(t.db, { limit: 500, offset: 0 });
    const signIns = events.filter((r) => r.action.startsWith("auth.sign_in"));
    expect(signIns.length).toBeGreaterThanOrEqual(21);
    expect(new Set(signIns.map((r) => r.ip))).toEqual(new Set(["127.0.0.1"]));
  });

  it("with TRUSTED_PROXY_HOPS=1 takes the address the nearest proxy appended", async () => {
    process.env.TRUSTED_PROXY_HOPS = "1";
    resetEnvForTests();
    try {
      const user = await newUser();
      await signIn(user.email, PASSWORD, await csrf(), "10.9.9.9, 192.0.2.44");
      const [signedIn] = (await auditOf(user.email)).filter((r) => r.action === "auth.sign_in");
      expect(signedIn?.ip).toBe("192.0.2.44");
    } finally {
      process.env.TRUSTED_PROXY_HOPS = "0";
      resetEnvForTests();
    }
  });

  it("reads at most a small capped body on Auth.js's POST endpoints: a chunked flood is refused (413) unread", async () => {
    const { POST } = await import("@/app/api/auth/[...nextauth]/route");
    let pulled = 0;
    const chunk = new Uint8Array(64 * 1024).fill(0x61);
    const flood = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += chunk.byteLength;
        if (pulled > 200 * 1024 * 1024) controller.close();
        else controller.enqueue(chunk);
      },
    });
    const request = new Request(`${base}/api/auth/callback/credentials`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: flood,
      duplex: "half",
    } as RequestInit);
    const response = await POST(request, undefined as never);
    expect(response.status).toBe(413);
    expect(pulled).toBeLessThan(1024 * 1024);
    // A normal-sized sign-in still goes through the same handler.
    const user = await newUser();
    const pair = await csrf();
    const ok = await POST(
      new Request(`${base}/api/auth/callback/credentials`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", cookie: pair.cookie },
        body: new URLSearchParams({
          email: user.email,
          password: PASSWORD,
          csrfToken: pair.token,
          callbackUrl: "/",
        }),
      }),
      undefined as never,
    );
    expect(ok.status).toBe(302);
    expect(ok.headers.getSetCookie().some((c) => c.startsWith(`${SESSION_COOKIE}=`))).toBe(true);
  });

  it("with TRUSTED_PROXY_HOPS=1, an IPv6 client's failures count for its whole /64", async () => {
    process.env.TRUSTED_PROXY_HOPS = "1";
    resetEnvForTests();
    try {
      const user = await newUser();
      const pair = await csrf();
      // 20 wrong guesses at made-up accounts, each from another address of one /64.
      for (let i = 0; i < 20; i++) {
        await signIn(
          `spray-${driver}-${i}@example.com`,
          "wrong",
          pair,
          `2001:db8:7:7::${(i + 1).toString(16)}`,
        );
      }
      const right = await signIn(user.email, PASSWORD, pair, "2001:db8:7:7:abcd:1234:5678:9abc");
      expect(right.session).toBeNull();
      expect(decodeURIComponent(right.location)).toMatch(/code=locked:\d+/);
      // The audit keeps each full address; another /64 is not locked.
      const [refused] = (await auditOf(user.email)).filter((r) => r.action === "auth.sign_in_refused");
      expect(refused?.ip).toBe("2001:db8:7:7:abcd:1234:5678:9abc");
      expect((await signIn(user.email, PASSWORD, pair, "2001:db8:7:8::1")).session).not.toBeNull();
    } finally {
      process.env.TRUSTED_PROXY_HOPS = "0";
      resetEnvForTests();
    }
  });

  describe("an old session cookie", () => {
    // What Next hands server code: the browser's cookie and the x-forwarded-* it fills in.
    const requestHeaders = (cookie: string) =>
      new Headers({ cookie, host: new URL(base).host, "x-forwarded-proto": "http" });

    async function currentUserWith(session: string) {
      state.headers = requestHeaders(session);
      const { getCurrentUser } = await import("./current-user");
      return getCurrentUser();
    }

    it("is refused after sign-out, on every device", async () => {
      const user = await newUser();
      const laptop = (await signIn(user.email, PASSWORD, await csrf())).session!;
      const phone = (await signIn(user.email, PASSWORD, await csrf())).session!;
      expect((await currentUserWith(laptop))?.id).toBe(user.id);
      expect((await currentUserWith(phone))?.id).toBe(user.id);

      const { signOutAction } = await import("@/app/(auth)/sign-in/actions");
      state.headers = requestHeaders(laptop);
      // Signing out ends in a redirect to the sign-in page (thrown, as Next does).
      await expect(signOutAction({})).rejects.toThrow(/NEXT_REDIRECT/);

      expect(await currentUserWith(laptop)).toBeNull();
      expect(await currentUserWith(phone)).toBeNull();
      // Signing in again gives a working session.
      const fresh = (await signIn(user.email, PASSWORD, await csrf())).session!;
      expect((await currentUserWith(fresh))?.id).toBe(user.id);
    });

    it("is refused after sign-out through Auth.js's own endpoint (POST /api/auth/signout), on every device", async () => {
      const user = await newUser();
      const laptop = (await signIn(user.email, PASSWORD, await csrf())).session!;
      const phone = (await signIn(user.email, PASSWORD, await csrf())).session!;
      const pair = await csrf();
      const out = await fetch(`${base}/api/auth/signout`, {
        method: "POST",
        redirect: "manual",
        headers: { "content-type": "application/x-www-form-urlencoded", cookie: `${pair.cookie}; ${laptop}` },
        body: new URLSearchParams({ csrfToken: pair.token, callbackUrl: "/sign-in" }),
      });
      expect(out.status).toBe(302);
      // The browser dropped its cookie; a copy of it (or the phone's) must not work either.
      expect(await currentUserWith(laptop)).toBeNull();
      expect(await currentUserWith(phone)).toBeNull();
      // Nor does Auth.js's session endpoint still say whose it was.
      const { GET } = await import("@/app/api/auth/[...nextauth]/route");
      state.headers = requestHeaders(phone);
      const session = await GET(
        new Request(`${base}/api/auth/session`, { headers: requestHeaders(phone) }),
        undefined as never,
      );
      expect(await session.json()).toBeNull();
      const fresh = (await signIn(user.email, PASSWORD, await csrf())).session!;
      state.headers = requestHeaders(fresh);
      const live = await GET(
        new Request(`${base}/api/auth/session`, { headers: requestHeaders(fresh) }),
        undefined as never,
      );
      expect(((await live.json()) as { user?: { email?: string } }).user?.email).toBe(user.email);
    });

    it("ends after SESSION_IDLE_MINUTES without a request, and no session outlives 12 hours", async () => {
      const user = await newUser();
      const cookie = (await signIn(user.email, PASSWORD, await csrf())).session!;
      const { decode, encode } = await import("next-auth/jwt");
      const secret = process.env.AUTH_SECRET!;
      const token = (await decode({
        token: cookie.slice(SESSION_COOKIE.length + 1),
        secret,
        salt: SESSION_COOKIE,
      }))!;
      const now = Math.floor(Date.now() / 1000);
      const aged = async (claims: Record<string, number>) =>
        `${SESSION_COOKIE}=${await encode({ token: { ...token, ...claims }, secret, salt: SESSION_COOKIE })}`;
      // The default idle limit is 30 minutes.
      expect((await currentUserWith(await aged({ seenAt: now - 29 * 60 })))?.id).toBe(user.id);
      expect(await currentUserWith(await aged({ seenAt: now - 31 * 60 }))).toBeNull();
      expect(await currentUserWith(await aged({ authAt: now - 12 * 3600 - 60, seenAt: now }))).toBeNull();
    });

    it("is refused after an admin resets the password, and after a role change", async () => {
      const admin = await newUser("admin");
      const user = await newUser();
      const adminSession = (await signIn(admin.email, PASSWORD, await csrf())).session!;
      const old = (await signIn(user.email, PASSWORD, await csrf())).session!;
      expect((await currentUserWith(old))?.id).toBe(user.id);

      const { resetPasswordAction, changeRoleAction } = await import("@/app/(dashboard)/admin/users/actions");
      state.headers = requestHeaders(adminSession);
      const reset = await resetPasswordAction({ userId: user.id, password: "a-new-password-2026" });
      expect(reset.ok).toBe(true);
      expect(await currentUserWith(old)).toBeNull();
      // The admin's own session is untouched.
      expect((await currentUserWith(adminSession))?.id).toBe(admin.id);

      const renewed = (await signIn(user.email, "a-new-password-2026", await csrf())).session!;
      expect((await currentUserWith(renewed))?.role).toBe("reviewer");
      state.headers = requestHeaders(adminSession);
      expect((await changeRoleAction({ userId: user.id, role: "qa" })).ok).toBe(true);
      expect(await currentUserWith(renewed)).toBeNull();
    });

    it("is refused, on every device, after the user changes their own password", async () => {
      const user = await newUser();
      const laptop = (await signIn(user.email, PASSWORD, await csrf())).session!;
      const phone = (await signIn(user.email, PASSWORD, await csrf())).session!;
      const { changeOwnPasswordAction } = await import("@/app/(dashboard)/account/actions");

      // A wrong current password changes nothing and ends no session.
      state.headers = requestHeaders(laptop);
      const wrong = await changeOwnPasswordAction({
        currentPassword: "not-it",
        newPassword: "another-pass-2026",
      });
      expect(wrong).toMatchObject({ ok: false, error: { code: "invalid_input" } });
      expect((await currentUserWith(phone))?.id).toBe(user.id);

      state.headers = requestHeaders(laptop);
      const changed = await changeOwnPasswordAction({
        currentPassword: PASSWORD,
        newPassword: "another-pass-2026",
      });
      expect(changed.ok).toBe(true);
      expect(await currentUserWith(laptop)).toBeNull();
      expect(await currentUserWith(phone)).toBeNull();
      expect((await signIn(user.email, PASSWORD, await csrf())).session).toBeNull();
      const renewed = (await signIn(user.email, "another-pass-2026", await csrf())).session!;
      expect((await currentUserWith(renewed))?.id).toBe(user.id);
    });

    it("guessing the current password through the change form is locked out like sign-in", async () => {
      const user = await newUser();
      const session = (await signIn(user.email, PASSWORD, await csrf())).session!;
      const { changeOwnPasswordAction } = await import("@/app/(dashboard)/account/actions");
      const guesses = await Promise.all(
        Array.from({ length: 20 }, (_, i) => {
          state.headers = requestHeaders(session);
          return changeOwnPasswordAction({ currentPassword: `guess-${i}`, newPassword: "another-pass-2026" });
        }),
      );
      expect(guesses.every((g) => !g.ok)).toBe(true);
      state.headers = requestHeaders(session);
      const right = await changeOwnPasswordAction({
        currentPassword: PASSWORD,
        newPassword: "another-pass-2026",
      });
      expect(right).toMatchObject({ ok: false, error: { code: "conflict" } });
      expect((await currentUserWith(session))?.id).toBe(user.id);
    });
  });
});
