import http from "node:http";
import type { AddressInfo } from "node:net";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  demoIsPrivate,
  installPeerStamp,
  isLoopbackPeer,
  lockoutBucket,
  normaliseAddress,
  PEER_HEADER,
  peerAddress,
  resolveClientAddress,
} from "./client-address";
import { sessionAlive } from "./config";

const ipv4 = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((p) => p.join("."));
const forwardedList = fc.array(fc.oneof(ipv4, fc.string({ maxLength: 20 })), { maxLength: 6 });

describe("resolveClientAddress", () => {
  it("with no trusted proxy, is the socket peer whatever X-Forwarded-For says", () => {
    fc.assert(
      fc.property(ipv4, forwardedList, (peer, list) => {
        expect(resolveClientAddress({ peer, forwardedFor: list.join(", "), hops: 0 })).toBe(peer);
      }),
    );
  });

  it("with N trusted proxies, is the Nth entry from the right; entries the client wrote to its left never count", () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ maxLength: 20 }), { maxLength: 4 }),
        fc.array(ipv4, { minLength: 1, maxLength: 4 }),
        ipv4,
        (clientWritten, proxyWritten, peer) => {
          const hops = proxyWritten.length;
          const header = [...clientWritten, ...proxyWritten].join(", ");
          expect(resolveClientAddress({ peer, forwardedFor: header, hops })).toBe(proxyWritten[0]);
        },
      ),
    );
  });

  it("falls back to the peer when the header is shorter than the proxy chain or the entry is not an address", () => {
    expect(resolveClientAddress({ peer: "192.0.2.1", forwardedFor: "198.51.100.2", hops: 2 })).toBe(
      "192.0.2.1",
    );
    expect(resolveClientAddress({ peer: "192.0.2.1", forwardedFor: null, hops: 1 })).toBe("192.0.2.1");
    expect(resolveClientAddress({ peer: "192.0.2.1", forwardedFor: "evil, <script>", hops: 1 })).toBe(
      "192.0.2.1",
    );
    expect(resolveClientAddress({ peer: null, forwardedFor: "198.51.100.2", hops: 0 })).toBe("unknown");
  });
});

describe("normaliseAddress", () => {
  it("unwraps IPv4-mapped IPv6 and strips ports and brackets", () => {
    fc.assert(
      fc.property(ipv4, fc.integer({ min: 1, max: 65535 }), (ip, port) => {
        expect(normaliseAddress(`::ffff:${ip}`)).toBe(ip);
        expect(normaliseAddress(`${ip}:${port}`)).toBe(ip);
        expect(normaliseAddress(` ${ip} `)).toBe(ip);
      }),
    );
    expect(normaliseAddress("[2001:DB8::1]:443")).toBe("2001:db8::1");
    expect(normaliseAddress("fe80::1%eth0")).toBe("fe80::1");
  });

  it("refuses what is not an address, including inet_aton shorthands", () => {
    for (const bad of ["", "unknown", "1", "0x7f.1", "127.1", "example.com", "1.2.3.4.5", "::ffff:zz"])
      expect(normaliseAddress(bad)).toBeNull();
  });
});

describe("the socket-address hook", () => {
  it("overwrites a client's own x-atlas-peer and X-Forwarded-For never reaches it", async () => {
    installPeerStamp();
    let seen: Headers | undefined;
    const server = http.createServer((req, res) => {
      seen = new Headers(Object.entries(req.headers).map(([k, v]): [string, string] => [k, String(v)]));
      res.end("ok");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as AddressInfo;
      await fetch(`http://127.0.0.1:${port}/`, {
        headers: { [PEER_HEADER]: "forged 203.0.113.9", "x-forwarded-for": "203.0.113.9" },
      });
      expect(peerAddress(seen!)).toBe("127.0.0.1");
      // Without our stamp, a header claiming to be ours is ignored.
      expect(peerAddress(new Headers({ [PEER_HEADER]: "forged 203.0.113.9" }))).toBeNull();
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe("demo mode answers only this machine unless HOST opens it", () => {
  it("knows loopback in every spelling", () => {
    for (const a of ["127.0.0.1", "127.8.9.10", "::1", "::ffff:127.0.0.1", "0:0:0:0:0:0:0:1"])
      expect(isLoopbackPeer(a)).toBe(true);
    for (const a of ["192.0.2.2", "10.0.0.1", "::ffff:192.0.2.2", "fe80::1", "0.0.0.0", "", undefined])
      expect(isLoopbackPeer(a)).toBe(false);
  });

  it("is private in demo mode without HOST, and only then", () => {
    expect(demoIsPrivate({ demoMode: true })).toBe(true);
    expect(demoIsPrivate({ demoMode: true, HOST: "0.0.0.0" })).toBe(false);
    expect(demoIsPrivate({ demoMode: false })).toBe(false);
  });

  it("refuses a request from another machine before the app sees it (demo mode, no HOST: this test run)", () => {
    installPeerStamp();
    const seen: string[] = [];
    const server = http.createServer((req) => seen.push(req.socket.remoteAddress ?? ""));
    const answer = { status: 0, body: "", headers: {} as Record<string, string> };
    const res = {
      setHeader: (name: string, value: string) => (answer.headers[name.toLowerCase()] = value),
      writeHead: (status: number) => (answer.status = status),
      end: (body: string) => (answer.body = body),
    };
    const request = (remoteAddress: string) =>
      server.emit("request", { socket: { remoteAddress }, headers: {}, url: "/api/health" }, res);
    request("192.0.2.50");
    request("::ffff:198.51.100.7");
    expect(seen).toEqual([]);
    expect(answer.status).toBe(403);
    expect(answer.body).toMatch(/demo mode.*HOST/);
    // Even this answer carries the security headers.
    expect(answer.headers["x-frame-options"]).toBe("DENY");
    expect(answer.headers["x-content-type-options"]).toBe("nosniff");
    expect(answer.headers["content-security-policy"]).toContain("sandbox");
    request("::ffff:127.0.0.1");
    expect(seen).toEqual(["::ffff:127.0.0.1"]);
  });
});

describe("sessionAlive", () => {
  const limits = { idleSeconds: 1800, maxAgeSeconds: 43_200 };
  it("ends a session idle for longer than the limit, or older than the absolute limit", () => {
    expect(sessionAlive({ authAt: 0, seenAt: 0 }, 1800, limits)).toBe(true);
    expect(sessionAlive({ authAt: 0, seenAt: 0 }, 1801, limits)).toBe(false);
    expect(sessionAlive({ authAt: 0, seenAt: 43_000 }, 43_200, limits)).toBe(true);
    expect(sessionAlive({ authAt: 0, seenAt: 43_000 }, 43_201, limits)).toBe(false);
    // Tokens issued before these claims existed are not honoured.
    expect(sessionAlive({}, 0, limits)).toBe(false);
    expect(sessionAlive({ authAt: "0", seenAt: 0 }, 0, limits)).toBe(false);
  });
});

describe("lockoutBucket", () => {
  it("counts an IPv6 client by its /64, whatever the spelling", () => {
    const bucket = lockoutBucket("2001:db8:1:2::1");
    expect(bucket).toBe("2001:db8:1:2::/64");
    for (const a of [
      "2001:db8:1:2:ffff:ffff:ffff:ffff",
      "2001:0db8:0001:0002:0:0:0:9",
      "2001:DB8:1:2:a:b:c:d",
    ])
      expect(lockoutBucket(a)).toBe(bucket);
    expect(lockoutBucket("2001:db8:1:3::1")).not.toBe(bucket);
  });
  it("keeps IPv4 addresses and the unknown peer as they are", () => {
    expect(lockoutBucket("192.0.2.1")).toBe("192.0.2.1");
    expect(lockoutBucket("192.0.2.2")).toBe("192.0.2.2");
    expect(lockoutBucket("unknown")).toBe("unknown");
  });
});
