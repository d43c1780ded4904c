import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { fetchFileSafely, type Resolver, UnsafeFileUrlError } from "./safe-fetch";

/**
 * A real HTTP server on this machine stands in for what an attacker wants to reach (loopback
 * services, cloud metadata). It listens on `::` when the machine has IPv6 (dual stack, so
 * [::ffff:127.0.0.1] would really reach it) and counts every request it receives: a refusal must
 * come before any byte is sent.
 */
let hits: string[] = [];
let port = 0;
let base = "";
const server = createServer((req, res) => {
  hits.push(req.url ?? "");
  const location = new URL(req.url ?? "/", "http://x").searchParams.get("to");
  if (location) {
    res.writeHead(302, { location });
    res.end();
    return;
  }
  if (req.url?.startsWith("/loop")) {
    res.writeHead(302, { location: "/loop" });
    res.end();
    return;
  }
  res.end("file body");
});
beforeAll(async () => {
  await new Promise<void>((resolve) => {
    server.once("error", () => server.listen(0, "127.0.0.1", resolve));
    server.listen(0, "::", resolve);
  });
  port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  hits = [];
});

const untrusted = { trustedOrigins: [] as string[], timeoutMs: 3000 };
/** A resolver that answers from a table and records every question. */
function resolverFor(table: Record<string, string[][]>): Resolver & { calls: string[] } {
  const calls: string[] = [];
  const answers = new Map(Object.entries(table).map(([host, list]) => [host, [...list]]));
  const resolve = async (hostname: string) => {
    calls.push(hostname);
    const queue = answers.get(hostname);
    const next = queue && queue.length > 1 ? queue.shift()! : queue?.[0];
    if (!next) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND" });
    return next.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
  };
  return Object.assign(resolve, { calls });
}

describe("fetchFileSafely refuses private targets before sending anything", () => {
  it.each([
    "http://127.0.0.1:PORT/f",
    "http://[::1]:PORT/f",
    "http://[::ffff:127.0.0.1]:PORT/f",
    "http://[0:0:0:0:0:ffff:7f00:1]:PORT/f",
    "http://[::ffff:7f00:1]:PORT/f",
    "http://[::ffff:0:127.0.0.1]:PORT/f",
    "http://[::127.0.0.1]:PORT/f",
    "http://[64:ff9b::127.0.0.1]:PORT/f",
    "http://[64:ff9b:1::7f00:1]:PORT/f",
    "http://[2002:7f00:1::1]:PORT/f",
    "http://[2001:0:4136:e378:8000:63bf:80ff:fffe]:PORT/f",
    "http://[::]:PORT/f",
    "http://0.0.0.0:PORT/f",
    "http://2130706433:PORT/f", // decimal 127.0.0.1
    "http://0x7f.1:PORT/f", // hex + short form
    "http://0177.0.0.1:PORT/f", // octal
    "http://127.1:PORT/f",
    "http://169.254.169.254/latest/meta-data/",
    "http://[::ffff:a9fe:a9fe]/latest/meta-data/",
    "http://100.100.100.200/", // Alibaba metadata (carrier-grade NAT range)
  ])("%s", async (template) => {
    const link = template.replace("PORT", String(port));
    const error = await fetchFileSafely(link, untrusted).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnsafeFileUrlError);
    expect((error as Error).message).toMatch(/private network address/);
    expect(hits).toEqual([]);
  });

  it("normalises numeric IPv4 spellings the way the WHATWG URL parser does", () => {
    expect(new URL("http://2130706433/").hostname).toBe("127.0.0.1");
    expect(new URL("http://0x7f.1/").hostname).toBe("127.0.0.1");
    expect(new URL("http://0177.0.0.1/").hostname).toBe("127.0.0.1");
    expect(new URL("http://[0:0:0:0:0:ffff:7f00:1]/").hostname).toBe("[::ffff:7f00:1]");
  });

  it("refuses non-http schemes and links with credentials", async () => {
    await expect(fetchFileSafely("file:///etc/passwd", untrusted)).rejects.toThrow(/http\(s\)/);
    await expect(fetchFileSafely("gopher://example.com/", untrusted)).rejects.toThrow(/http\(s\)/);
    await expect(fetchFileSafely("http://user:pw@example.com/", untrusted)).rejects.toThrow(/password/);
    await expect(fetchFileSafely("not a url", untrusted)).rejects.toThrow(/not a valid URL/);
  });
});

describe("the check is made on the address actually connected to", () => {
  it("refuses a name that resolves to loopback, at connect time", async () => {
    const resolve = resolverFor({ "files.example.test": [["127.0.0.1"]] });
    const error = await fetchFileSafely(`http://files.example.test:${port}/f`, {
      ...untrusted,
      resolve,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnsafeFileUrlError);
    // Exactly one resolution, made by the connecting socket: nothing else looks the name up.
    expect(resolve.calls).toEqual(["files.example.test"]);
    expect(hits).toEqual([]);
  });

  it("refuses a name with one private address among public ones", async () => {
    const resolve = resolverFor({ "mixed.example.test": [["8.8.8.8", "::ffff:127.0.0.1"]] });
    await expect(
      fetchFileSafely(`http://mixed.example.test:${port}/f`, { ...untrusted, resolve }),
    ).rejects.toBeInstanceOf(UnsafeFileUrlError);
    expect(hits).toEqual([]);
  });

  it("refuses localhost through the system resolver", async () => {
    await expect(fetchFileSafely(`http://localhost:${port}/f`, untrusted)).rejects.toBeInstanceOf(
      UnsafeFileUrlError,
    );
    expect(hits).toEqual([]);
  });

  it("is not fooled by DNS rebinding (a public answer first, a private one next)", async () => {
    // 192.0.2.1 would be refused too; 8.8.8.8 is public, so the connection to it is attempted and
    // fails or times out here (no internet) — what matters is that the private second answer is
    // never asked for, so nothing reaches the local server.
    const resolve = resolverFor({ "rebind.example.test": [["8.8.8.8"], ["127.0.0.1"]] });
    await expect(
      fetchFileSafely(`http://rebind.example.test:${port}/f`, { ...untrusted, timeoutMs: 1500, resolve }),
    ).rejects.toThrow();
    expect(resolve.calls).toEqual(["rebind.example.test"]);
    expect(hits).toEqual([]);
    // Asked again, the name now answers loopback: that answer is refused, at connect time.
    await expect(
      fetchFileSafely(`http://rebind.example.test:${port}/f`, { ...untrusted, resolve }),
    ).rejects.toBeInstanceOf(UnsafeFileUrlError);
    expect(hits).toEqual([]);
  });
});

describe("trusted sources and redirects", () => {
  it("fetches from a trusted source (the simulator) and nothing else on that origin", async () => {
    const ok = await fetchFileSafely(`${base}/atlas-sim/files/a.svg`, {
      trustedOrigins: [`${base}/atlas-sim`],
      timeoutMs: 2000,
    });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe("file body");
    hits = [];
    for (const path of ["/api/health", "/atlas-simX/files/a.svg", "/atlas-sim/../api/health"]) {
      await expect(
        fetchFileSafely(`${base}${path}`, { trustedOrigins: [`${base}/atlas-sim`], timeoutMs: 2000 }),
      ).rejects.toBeInstanceOf(UnsafeFileUrlError);
    }
    expect(hits).toEqual([]);
    const whole = await fetchFileSafely(`${base}/anything`, { trustedOrigins: [base], timeoutMs: 2000 });
    expect(await whole.text()).toBe("file body");
  });

  it.each([
    "http://169.254.169.254/latest/meta-data/",
    "http://[::ffff:127.0.0.1]:PORT/secret",
    "http://localhost:PORT/secret",
    "http://loopback.example.test:PORT/secret",
    "http://127.0.0.1:PORT/secret", // same host as the trusted source, outside its path
  ])("checks every redirect hop: a redirect to %s is refused", async (template) => {
    const target = template.replace("PORT", String(port));
    const resolve = resolverFor({
      "loopback.example.test": [["127.0.0.1"]],
      localhost: [["127.0.0.1", "::1"]],
    });
    await expect(
      fetchFileSafely(`${base}/atlas-sim/r?to=${encodeURIComponent(target)}`, {
        trustedOrigins: [`${base}/atlas-sim`],
        timeoutMs: 2000,
        resolve,
      }),
    ).rejects.toThrow(/private network address/);
    expect(hits).toEqual([`/atlas-sim/r?to=${encodeURIComponent(target)}`]);
  });

  it("follows a bounded number of redirects", async () => {
    await expect(
      fetchFileSafely(`${base}/loop`, { trustedOrigins: [base], timeoutMs: 2000 }),
    ).rejects.toThrow(/redirects too many times/);
    expect(hits).toHaveLength(4);
  });

  it("times out with a TimeoutError", async () => {
    const slow = createServer(() => undefined);
    await new Promise<void>((resolve) => slow.listen(0, "127.0.0.1", resolve));
    const slowBase = `http://127.0.0.1:${(slow.address() as AddressInfo).port}`;
    const error = await fetchFileSafely(`${slowBase}/f`, {
      trustedOrigins: [slowBase],
      timeoutMs: 300,
    }).catch((e: unknown) => e);
    slow.closeAllConnections();
    slow.close();
    expect((error as Error).name).toBe("TimeoutError");
  });
});
