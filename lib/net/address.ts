import ipaddr from "ipaddr.js";

/**
 * Whether an IP address is a public, globally routable unicast address that the server may
 * connect to on behalf of a user-given URL. Everything else (loopback, private, link-local,
 * carrier-grade NAT, benchmarking, documentation, multicast, broadcast, unspecified, ULA…) is
 * refused. IPv6 forms that carry an IPv4 address (IPv4-mapped ::ffff:a.b.c.d in any spelling,
 * IPv4-translated ::ffff:0:a.b.c.d, IPv4-compatible ::a.b.c.d, NAT64 64:ff9b::/96, 6to4
 * 2002::/16, Teredo 2001::/32) are judged by the IPv4 address inside them, so
 * `[::ffff:7f00:1]` is as loopback as 127.0.0.1. Pure; no DNS.
 */
export function isPublicAddress(ip: string): boolean {
  const bare = ip.replace(/^\[|\]$/g, "").replace(/%.*$/, "");
  if (!ipaddr.isValid(bare)) return false;
  const parsed = ipaddr.parse(bare);
  if (parsed.kind() === "ipv4") return isPublicV4(parsed as ipaddr.IPv4);
  return isPublicV6(parsed as ipaddr.IPv6);
}

function isPublicV4(address: ipaddr.IPv4): boolean {
  // ipaddr.js classifies 0/8, 10/8, 100.64/10, 127/8, 169.254/16, 172.16/12, 192.0.0/24,
  // 192.0.2/24, 192.88.99/24, 192.168/16, 198.18/15, 198.51.100/24, 203.0.113/24, 224/4, 240/4
  // and 255.255.255.255 as something other than "unicast"; AS112 and AMT anycast are public.
  const range = address.range();
  return range === "unicast" || range === "as112" || range === "amt";
}

const GLOBAL_UNICAST_V6 = ipaddr.IPv6.parseCIDR("2000::/3");

function v4FromWords(high: number, low: number): ipaddr.IPv4 {
  return new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);
}

/** The IPv4 address(es) an IPv6 address carries, or null when it carries none. */
export function embeddedIPv4(address: ipaddr.IPv6): ipaddr.IPv4[] | null {
  const p = address.parts;
  const last = v4FromWords(p[6]!, p[7]!);
  switch (address.range()) {
    case "ipv4Mapped": // ::ffff:a.b.c.d
    case "rfc6145": // ::ffff:0:a.b.c.d
      return [last];
    case "rfc6052":
      // 64:ff9b::/96 carries the IPv4 address in its last 32 bits. The local-use prefix
      // 64:ff9b:1::/48 (RFC 8215) may place it anywhere; it is never public, so it is refused
      // as a whole (an unspecified address is never public).
      return p[2] === 0 ? [last] : [new ipaddr.IPv4([0, 0, 0, 0])];
    case "6to4": // 2002:AABB:CCDD::/48
      return [v4FromWords(p[1]!, p[2]!)];
    case "teredo": // 2001:0:SSSS:SSSS:flags:port:~CCCC:~CCCC — server and (obfuscated) client
      return [v4FromWords(p[2]!, p[3]!), v4FromWords(p[6]! ^ 0xffff, p[7]! ^ 0xffff)];
    default:
      // IPv4-compatible ::a.b.c.d (deprecated, RFC 4291): the first 96 bits are zero.
      if (p.slice(0, 6).every((w) => w === 0)) return [last];
      return null;
  }
}

function isPublicV6(address: ipaddr.IPv6): boolean {
  const embedded = embeddedIPv4(address);
  if (embedded) return embedded.every(isPublicV4);
  // Only global unicast (2000::/3) outside ipaddr.js's special ranges is public.
  return address.range() === "unicast" && address.match(GLOBAL_UNICAST_V6);
}
