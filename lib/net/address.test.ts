import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isPublicAddress } from "./address";

/**
 * An independent reference written from the published rule, with plain integer arithmetic (no
 * ipaddr.js): IANA's IPv4 Special-Purpose Address Registry (RFC 6890 and updates) entries that
 * are not globally reachable, plus multicast (RFC 5771) and the deprecated 6to4 relay anycast
 * 192.88.99.0/24 (RFC 7526).
 */
const NOT_PUBLIC_V4: [string, number][] = [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.88.99.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
  ["255.255.255.255", 32],
];
const toInt = (ip: string) => ip.split(".").reduce((n, o) => n * 256 + Number(o), 0);
function referenceIsPublicV4(ip: string): boolean {
  const n = toInt(ip);
  return !NOT_PUBLIC_V4.some(
    ([base, bits]) => Math.floor(n / 2 ** (32 - bits)) === Math.floor(toInt(base) / 2 ** (32 - bits)),
  );
}
const hex = (ip: string) => {
  const [a, b, c, d] = ip.split(".").map(Number) as [number, number, number, number];
  return [((a << 8) | b).toString(16), ((c << 8) | d).toString(16)] as const;
};
const inverted = (ip: string) => {
  const [hi, lo] = hex(ip);
  return [(0xffff ^ parseInt(hi, 16)).toString(16), (0xffff ^ parseInt(lo, 16)).toString(16)] as const;
};

/** Every IPv6 spelling that carries the IPv4 address `v4`. */
function embeddings(v4: string): string[] {
  const [hi, lo] = hex(v4);
  const [nhi, nlo] = inverted(v4);
  return [
    `::ffff:${v4}`, // IPv4-mapped, dotted
    `::ffff:${hi}:${lo}`, // IPv4-mapped, hex
    `0:0:0:0:0:ffff:${hi}:${lo}`, // IPv4-mapped, uncompressed
    `0000:0000:0000:0000:0000:FFFF:${hi.padStart(4, "0")}:${lo.padStart(4, "0")}`,
    `::ffff:0:${v4}`, // IPv4-translated (RFC 6145)
    `::${v4}`, // IPv4-compatible (deprecated)
    `::${hi}:${lo}`,
    `64:ff9b::${v4}`, // NAT64 well-known prefix
    `64:ff9b::${hi}:${lo}`,
    `2002:${hi}:${lo}::1`, // 6to4
    `2001:0:4136:e378:8000:63bf:${nhi}:${nlo}`, // Teredo, public server 65.54.227.120, client = v4
  ];
}

describe("isPublicAddress on IPv4", () => {
  it("agrees with the IANA special-purpose registry for every address", () => {
    fc.assert(
      fc.property(fc.ipV4(), (ip) => {
        expect(isPublicAddress(ip), ip).toBe(referenceIsPublicV4(ip));
      }),
      { numRuns: 5000 },
    );
  });
  it.each([
    "127.0.0.1",
    "10.1.2.3",
    "172.31.255.255",
    "192.168.0.1",
    "169.254.169.254",
    "100.64.0.1",
    "100.127.255.255",
    "0.0.0.0",
    "0.1.2.3",
    "198.18.0.1",
    "198.19.255.255",
    "224.0.0.1",
    "239.255.255.250",
    "255.255.255.255",
    "240.0.0.1",
  ])("%s is refused", (ip) => expect(isPublicAddress(ip)).toBe(false));
  it.each(["8.8.8.8", "52.95.110.1", "172.32.0.1", "192.169.0.1", "100.128.0.1", "198.20.0.1"])(
    "%s is public",
    (ip) => expect(isPublicAddress(ip)).toBe(true),
  );
});

describe("isPublicAddress on IPv6", () => {
  it.each([
    "::1",
    "::",
    "0:0:0:0:0:0:0:1",
    "fc00::1",
    "fd12:3456::1",
    "fe80::1",
    "febf::1",
    "ff02::1",
    "fec0::1",
    "100::1",
    "2001:db8::1",
    "64:ff9b:1::8.8.8.8", // NAT64 local-use prefix: never public, whatever it carries
    "[::1]",
    "fe80::1%eth0",
  ])("%s is refused", (ip) => expect(isPublicAddress(ip)).toBe(false));
  it.each(["2600:1f18::1", "2a00:1450:4001::200e", "64:ff9b::808:808", "::ffff:8.8.8.8", "2002:808:808::1"])(
    "%s is public",
    (ip) => expect(isPublicAddress(ip)).toBe(true),
  );

  it.each([
    "::ffff:127.0.0.1",
    "0:0:0:0:0:ffff:7f00:1",
    "::ffff:7f00:1",
    "::FFFF:7F00:0001",
    "::ffff:a9fe:a9fe",
    "::ffff:0:127.0.0.1",
    "::127.0.0.1",
    "::7f00:1",
    "::10.0.0.1",
    "64:ff9b::127.0.0.1",
    "64:ff9b::7f00:1",
    "64:ff9b::a9fe:a9fe",
    "64:ff9b:1::7f00:1",
    "2002:7f00:1::",
    "2002:a9fe:a9fe::1",
    "2002:c0a8:101::1",
    "2001:0:4136:e378:8000:63bf:80ff:fffe", // Teredo client 127.0.0.1
    "2001:0:7f00:1::1", // Teredo server 127.0.0.1
  ])("%s (IPv4 inside IPv6) is refused", (ip) => expect(isPublicAddress(ip)).toBe(false));

  it("judges every IPv6 form that embeds an IPv4 address by that address", () => {
    fc.assert(
      fc.property(fc.ipV4(), (v4) => {
        const expected = referenceIsPublicV4(v4);
        for (const form of embeddings(v4)) {
          expect(isPublicAddress(form), form).toBe(expected);
        }
        // Teredo with the IPv4 address as the server and a public client.
        const [hi, lo] = hex(v4);
        const [chi, clo] = inverted("8.8.4.4");
        expect(isPublicAddress(`2001:0:${hi}:${lo}:8000:63bf:${chi}:${clo}`)).toBe(expected);
        // The local-use NAT64 prefix is refused whatever it carries.
        expect(isPublicAddress(`64:ff9b:1::${v4}`)).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it("refuses every address outside global unicast 2000::/3", () => {
    fc.assert(
      fc.property(fc.ipV6(), (ip) => {
        const first = parseInt(ip.startsWith(":") ? "0" : ip.split(":")[0]!, 16);
        // Words 0 and 0x64 hold the IPv4-embedding forms, judged by their IPv4 address above.
        if ((first < 0x2000 || first > 0x3fff) && first !== 0 && first !== 0x64) {
          expect(isPublicAddress(ip)).toBe(false);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("refuses strings that are not addresses", () => {
    for (const s of ["", "localhost", "127.1", "1.2.3.4.5", "::g", "example.com"])
      expect(isPublicAddress(s)).toBe(false);
  });
});
