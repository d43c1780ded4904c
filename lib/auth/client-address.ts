import { randomBytes } from "node:crypto";
import http, { type IncomingMessage } from "node:http";
import https from "node:https";
import ipaddr from "ipaddr.js";
import { getEnv } from "@/lib/env";
import { defaultResponseHeaders } from "@/lib/http/security-headers";
import { logger } from "@/lib/logger";
import { peekProcessSingleton, processSingleton } from "@/lib/process-singleton";

/**
 * The address a request came from, for sign-in lock-outs and the audit trail.
 *
 * Every request header can be set by the client, `X-Forwarded-For` included, and under
 * `next start` Next.js only fills `X-Forwarded-For` with the socket's address when the client
 * did not send one (`??=` in base-server), while route handlers, server actions and Auth.js's
 * `authorize` never see the socket. So the socket address is taken where it exists: a hook on
 * Node's HTTP server (installed from instrumentation.ts, before Next serves any request) writes
 * it into the `x-atlas-peer` header of every incoming request, overwriting whatever the client
 * sent, together with a per-process random stamp. A value without the stamp (a request that
 * arrived before the hook, or a client's own header in a process without the hook) is ignored.
 *
 * With TRUSTED_PROXY_HOPS = N > 0 (the app runs behind N reverse proxies that each append to
 * `X-Forwarded-For`), the client is the Nth entry from the right, the one our nearest trusted
 * proxy saw; entries further left were written by the client and are never used.
 */
export const PEER_HEADER = "x-atlas-peer";

const UNKNOWN = "unknown";
type StampState = { stamp: string; loopbackOnly: boolean; https: boolean };
const PEER_STAMP = "peer-stamp";
const installedStamp = () => peekProcessSingleton<StampState>(PEER_STAMP);

/** Installs the socket-address hook once per process. Returns false when it already was. */
export function installPeerStamp(): boolean {
  let installed = false;
  processSingleton(PEER_STAMP, () => {
    installed = true;
    return installHook();
  });
  return installed;
}

function installHook(): StampState {
  const env = getEnv();
  const state: StampState = {
    stamp: randomBytes(18).toString("base64url"),
    loopbackOnly: demoIsPrivate(env),
    https: env.appBaseUrl.startsWith("https:"),
  };
  for (const proto of [http.Server.prototype, https.Server.prototype] as {
    emit: (...a: unknown[]) => boolean;
  }[]) {
    const original = proto.emit;
    proto.emit = function emit(this: unknown, event: unknown, ...args: unknown[]) {
      if (event === "request") {
        const req = args[0] as IncomingMessage;
        presetSecurityHeaders(req, args[1] as http.ServerResponse, state.https);
        if (state.loopbackOnly && !isLoopbackPeer(req.socket?.remoteAddress)) {
          refuseOutsider(args[1] as http.ServerResponse);
          return true;
        }
        stampRequest(req, state.stamp);
      }
      return original.call(this, event, ...args);
    };
  }
  return state;
}

/**
 * Demo mode (published demo passwords, an embedded simulator) is private to this machine unless
 * HOST opens it: `npm start` then listens on 127.0.0.1 only, and a server started some other way
 * (`next start` listens on every interface) still answers nobody but this machine.
 */
export function demoIsPrivate(env: { demoMode: boolean; HOST?: string }): boolean {
  return env.demoMode && !env.HOST;
}

/** 127.0.0.0/8, ::1 and their IPv4-mapped spellings. */
export function isLoopbackPeer(address: string | undefined): boolean {
  const normalised = address ? normaliseAddress(address) : null;
  if (!normalised) return false;
  return ipaddr.parse(normalised).range() === "loopback";
}

function presetSecurityHeaders(req: IncomingMessage, res: http.ServerResponse, https: boolean): void {
  try {
    const pathname = (req.url ?? "/").split("?")[0]!;
    for (const [name, value] of Object.entries(defaultResponseHeaders(pathname, { https })))
      res.setHeader(name, value);
  } catch {
    // never break a request over this
  }
}

function refuseOutsider(res: http.ServerResponse): void {
  try {
    res.writeHead(403, { "content-type": "text/plain; charset=utf-8", connection: "close" });
    res.end(
      "This Atlas Review runs in demo mode, which answers only this machine. Set HOST (e.g. HOST=0.0.0.0) to open it to the network.\n",
    );
  } catch {
    // never throw from the server's event loop
  }
}

function stampRequest(req: IncomingMessage, stamp: string): void {
  try {
    req.headers[PEER_HEADER] = `${stamp} ${req.socket?.remoteAddress ?? ""}`;
  } catch {
    // never break a request over this
  }
}

/** The socket address recorded by the hook, or null when the header is missing or not ours. */
export function peerAddress(headers: Headers): string | null {
  const state = installedStamp();
  const value = headers.get(PEER_HEADER);
  if (!state || !value) return null;
  const [stamp, address] = value.split(" ");
  if (stamp !== state.stamp || !address) return null;
  return normaliseAddress(address);
}

/**
 * "::ffff:192.0.2.1" → "192.0.2.1", "[2001:db8::1]:443" → "2001:db8::1", "192.0.2.1:5000" →
 * "192.0.2.1"; null for anything that is not an IP address.
 */
export function normaliseAddress(raw: string): string | null {
  let text = raw.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(text);
  if (bracketed) text = bracketed[1]!;
  else if (/^[\d.]+:\d+$/.test(text)) text = text.slice(0, text.lastIndexOf(":"));
  text = text.replace(/%.*$/, ""); // zone id
  if (!ipaddr.isValid(text)) return null;
  const parsed = ipaddr.parse(text);
  if (parsed.kind() === "ipv6") {
    const v6 = parsed as ipaddr.IPv6;
    return v6.isIPv4MappedAddress() ? v6.toIPv4Address().toString() : v6.toString();
  }
  // ipaddr.isValid accepts "1" or "0x7f.1" (inet_aton forms); keep only dotted quads.
  return ipaddr.IPv4.isValidFourPartDecimal(text) ? parsed.toString() : null;
}

/**
 * Pure rule: the socket peer with no trusted proxies; otherwise the `hops`-th entry from the
 * right of X-Forwarded-For. When the header has fewer entries than trusted proxies (the request
 * did not pass through all of them), the socket peer is the only address we can vouch for.
 */
export function resolveClientAddress(input: {
  peer: string | null;
  forwardedFor: string | null;
  hops: number;
}): string {
  const peer = input.peer ?? UNKNOWN;
  if (input.hops <= 0) return peer;
  const entries = (input.forwardedFor ?? "")
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean);
  if (entries.length < input.hops) return peer;
  return normaliseAddress(entries[entries.length - input.hops]!) ?? peer;
}

/**
 * The bucket an address's sign-in failures count in. An IPv4 address is one bucket; an IPv6 client
 * usually holds a whole /64 (one customer line, SLAAC privacy addresses rotate within it), so
 * counting per /128 would give one attacker 2^64 fresh buckets. "unknown" stays itself.
 */
export function lockoutBucket(address: string): string {
  if (!ipaddr.IPv6.isValid(address) || ipaddr.IPv4.isValid(address)) return address;
  const parts = ipaddr.IPv6.parse(address).parts;
  const prefix = parts.slice(0, 4).map((p) => p.toString(16));
  return `${prefix.join(":")}::/64`;
}

let warnedUnstamped = false;

/** The client's address for this request under the configured TRUSTED_PROXY_HOPS. */
export function clientAddress(headers: Headers): string {
  const peer = peerAddress(headers);
  if (!peer && !warnedUnstamped) {
    // Every client would share one lock-out bucket: say so once rather than fail silently.
    warnedUnstamped = true;
    logger.warn("client_address.unknown", {
      hookInstalled: !!installedStamp(),
      hint: "requests carry no socket address; is instrumentation.ts running in this server process?",
    });
  }
  return resolveClientAddress({
    peer,
    forwardedFor: headers.get("x-forwarded-for"),
    hops: getEnv().TRUSTED_PROXY_HOPS,
  });
}
