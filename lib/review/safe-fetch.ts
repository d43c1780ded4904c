import "server-only";
import { lookup } from "node:dns/promises";
import net from "node:net";

/**
 * Fetching a stored file link on the server must not become a way to read the server's own
 * network (cloud metadata at 169.254.169.254, databases on 10.x, admin ports on localhost). Links
 * may point anywhere public; private, loopback and link-local addresses are refused unless the
 * link's origin is one we trust (the Atlas simulator or this app itself). Every redirect hop is
 * checked the same way.
 */
export class UnsafeFileUrlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UnsafeFileUrlError";
  }
}

export function isPrivateAddress(ip: string): boolean {
  if (net.isIPv4(ip)) {
    const [a, b] = ip.split(".").map(Number) as [number, number];
    return (
      a === 0 ||
      a === 10 ||
      a === 127 ||
      (a === 100 && b >= 64 && b <= 127) ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      a >= 224
    );
  }
  const v6 = ip.toLowerCase();
  if (v6.startsWith("::ffff:")) return isPrivateAddress(v6.slice(7));
  return v6 === "::" || v6 === "::1" || v6.startsWith("fc") || v6.startsWith("fd") || v6.startsWith("fe80");
}

async function assertAllowed(url: URL, trustedOrigins: ReadonlySet<string>): Promise<void> {
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new UnsafeFileUrlError("The stored file link is not an http(s) link.");
  }
  if (trustedOrigins.has(url.origin)) return;
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const addresses = net.isIP(host) ? [host] : (await lookup(host, { all: true })).map((a) => a.address);
  if (addresses.some(isPrivateAddress)) {
    throw new UnsafeFileUrlError(
      `The file link points at a private network address (${url.hostname}), which this server does not fetch. Use a public (e.g. pre-signed S3) link.`,
    );
  }
}

export async function fetchFileSafely(
  link: string,
  options: { trustedOrigins: Iterable<string>; timeoutMs: number; maxRedirects?: number },
): Promise<Response> {
  const trusted = new Set(options.trustedOrigins);
  let url = new URL(link);
  for (let hop = 0; ; hop++) {
    await assertAllowed(url, trusted);
    const response = await fetch(url, {
      signal: AbortSignal.timeout(options.timeoutMs),
      cache: "no-store",
      redirect: "manual",
    });
    const location = response.headers.get("location");
    if (response.status < 300 || response.status >= 400 || !location) return response;
    if (hop >= (options.maxRedirects ?? 3))
      throw new UnsafeFileUrlError("The file link redirects too many times.");
    url = new URL(location, url);
  }
}
