import "server-only";
import { lookup as dnsLookup } from "node:dns";
import http from "node:http";
import https from "node:https";
import { isIP } from "node:net";
import type { LookupAddress, LookupOptions } from "node:dns";
import { Readable } from "node:stream";
import { getEnv, SIM_MOUNT_PATH } from "@/lib/env";
import { UserError } from "@/lib/errors";
import { isPublicAddress } from "./address";

/**
 * The one way this server fetches a URL that a user (or Atlas, or a CSV) gave it. Fetching such
 * a link must not become a way to read the server's own network (cloud metadata at
 * 169.254.169.254, databases on 10.x, admin ports on localhost). Links may point anywhere
 * public. The check is made on the address the socket actually connects to — a `lookup` hook in
 * the HTTP agent — so a name that resolves to a private address, or that answers a public address
 * to a first lookup and a private one to the next (DNS rebinding), is refused; literal IP hosts
 * are checked before connecting. Redirects are followed by hand, at most `maxRedirects` of them,
 * and every hop is checked the same way.
 *
 * The one exception is explicit and narrow: `trustedOrigins` names the sources this app itself
 * set up (the Atlas simulator, which lives on a private address by design). An entry without a
 * path trusts that origin; an entry with a path (`http://127.0.0.1:3000/atlas-sim`) trusts only
 * URLs of that origin under that path. Redirects out of a trusted source are checked again.
 */
export class UnsafeFileUrlError extends UserError {
  constructor(message: string) {
    super("invalid_input", message, undefined, { httpStatus: 422 });
    this.name = "UnsafeFileUrlError";
  }
}

/** Resolves a host name to its addresses (dns.lookup with `all: true` by default). */
export type Resolver = (hostname: string) => Promise<LookupAddress[]>;

export type SafeFetchOptions = {
  trustedOrigins: Iterable<string>;
  timeoutMs: number;
  maxRedirects?: number;
  /** For tests: the resolver used at connect time instead of the system's. */
  resolve?: Resolver;
};

const systemResolve: Resolver = (hostname) =>
  new Promise((resolve, reject) =>
    dnsLookup(hostname, { all: true, verbatim: true }, (error, addresses) =>
      error ? reject(error) : resolve(addresses),
    ),
  );

function privateAddressError(host: string): UnsafeFileUrlError {
  return new UnsafeFileUrlError(
    `The file link points at a private network address (${host}), which this server does not fetch. Use a public (e.g. pre-signed S3) link.`,
  );
}

/**
 * The sources this app set up itself, which may live on a private address: the configured Atlas
 * (in practice the simulator, standalone on 127.0.0.1 or embedded under /atlas-sim) and, in demo
 * mode, the embedded simulator as reached through this app's own base URL.
 */
export function simulatorSources(): string[] {
  const env = getEnv();
  const sources = [env.atlasBaseUrl];
  if (env.demoMode) sources.push(new URL(SIM_MOUNT_PATH, env.appBaseUrl).href);
  return sources;
}

type TrustedSource = { origin: string; pathPrefix: string };

function parseTrusted(entries: Iterable<string>): TrustedSource[] {
  return [...entries].map((entry) => {
    const url = new URL(entry);
    const path = url.pathname.replace(/\/+$/, "");
    return { origin: url.origin, pathPrefix: path ? `${path}/` : "/" };
  });
}

function isTrusted(url: URL, trusted: readonly TrustedSource[]): boolean {
  return trusted.some((t) => t.origin === url.origin && url.pathname.startsWith(t.pathPrefix));
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/** A `lookup` for net.connect that only hands out public addresses. */
export function publicOnlyLookup(resolve: Resolver) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    resolve(hostname).then(
      (all) => {
        const addresses = options.family ? all.filter((a) => a.family === options.family) : all;
        if (addresses.length === 0) {
          const error: NodeJS.ErrnoException = new Error(`getaddrinfo ENOTFOUND ${hostname}`);
          error.code = "ENOTFOUND";
          return callback(error, []);
        }
        // Refuse when ANY address is private: a name that mixes public and private answers is
        // not one a legitimate storage service uses, and trying the next address would connect.
        const refused = addresses.find((a) => !isPublicAddress(a.address));
        if (refused)
          return callback(privateAddressError(`${hostname}, which resolves to ${refused.address}`), []);
        if (options.all) return callback(null, addresses);
        return callback(null, addresses[0]!.address, addresses[0]!.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, []),
    );
  };
}

function toResponse(message: http.IncomingMessage): Response {
  const headers = new Headers();
  for (let i = 0; i + 1 < message.rawHeaders.length; i += 2) {
    headers.append(message.rawHeaders[i]!, message.rawHeaders[i + 1]!);
  }
  const status = message.statusCode ?? 502;
  const noBody = status === 204 || status === 304;
  if (noBody) message.resume();
  return new Response(noBody ? null : (Readable.toWeb(message) as ReadableStream<Uint8Array>), {
    status,
    statusText: message.statusMessage,
    headers,
  });
}

function requestOnce(url: URL, trusted: boolean, resolve: Resolver, signal: AbortSignal): Promise<Response> {
  const host = url.hostname.replace(/^\[|\]$/g, "");
  return new Promise((fulfil, reject) => {
    const client = url.protocol === "https:" ? https : http;
    const request = client.request(
      url,
      {
        method: "GET",
        host,
        // A fresh connection per request: a pooled socket would skip the connect-time check.
        agent: false,
        lookup: trusted ? undefined : publicOnlyLookup(resolve),
        signal,
        headers: { accept: "*/*", "accept-encoding": "identity", "user-agent": "atlas-review" },
      },
      (message) => fulfil(toResponse(message)),
    );
    request.on("error", (error) => {
      if (signal.aborted) return reject(signal.reason);
      reject(error);
    });
    request.end();
  });
}

/**
 * Fetches a user-given http(s) link, connecting only to public addresses (see above). Rejects
 * with UnsafeFileUrlError (a message for the user) when the link or a redirect points somewhere
 * this server does not fetch from, with a TimeoutError after `timeoutMs` in total, and with the
 * network error otherwise.
 */
export async function fetchFileSafely(link: string, options: SafeFetchOptions): Promise<Response> {
  const trusted = parseTrusted(options.trustedOrigins);
  const resolve = options.resolve ?? systemResolve;
  const signal = AbortSignal.timeout(options.timeoutMs);
  const maxRedirects = options.maxRedirects ?? 3;
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    throw new UnsafeFileUrlError("The stored file link is not a valid URL.");
  }
  for (let hop = 0; ; hop++) {
    if (url.protocol !== "https:" && url.protocol !== "http:") {
      throw new UnsafeFileUrlError("The stored file link is not an http(s) link.");
    }
    if (url.username || url.password) {
      throw new UnsafeFileUrlError(
        "The stored file link carries a user name or password, which is not allowed.",
      );
    }
    const trustedHop = isTrusted(url, trusted);
    const host = url.hostname.replace(/^\[|\]$/g, "");
    // Literal IP hosts never reach the lookup hook (WHATWG URL has already turned 2130706433,
    // 0x7f.1 and 0177.0.0.1 into 127.0.0.1, and [::ffff:127.0.0.1] into [::ffff:7f00:1]).
    if (!trustedHop && isIP(host) !== 0 && !isPublicAddress(host)) throw privateAddressError(url.hostname);
    const response = await requestOnce(url, trustedHop, resolve, signal);
    const location = response.headers.get("location");
    if (response.status < 300 || response.status >= 400 || !location) return response;
    await response.body?.cancel();
    if (hop >= maxRedirects) throw new UnsafeFileUrlError("The file link redirects too many times.");
    url = new URL(location, url);
  }
}
