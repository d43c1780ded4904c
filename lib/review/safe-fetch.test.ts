import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fetchFileSafely, isPrivateAddress, UnsafeFileUrlError } from "./safe-fetch";

describe("isPrivateAddress", () => {
  it.each([
    "10.0.0.1",
    "127.0.0.1",
    "169.254.169.254",
    "172.16.5.4",
    "172.31.255.255",
    "192.168.1.1",
    "100.64.0.1",
    "0.0.0.0",
    "::1",
    "fd00::1",
    "fe80::1",
    "::ffff:127.0.0.1",
  ])("%s is private", (ip) => expect(isPrivateAddress(ip)).toBe(true));
  it.each(["8.8.8.8", "52.95.110.1", "172.32.0.1", "192.169.0.1", "2600:1f18::1"])("%s is public", (ip) =>
    expect(isPrivateAddress(ip)).toBe(false),
  );
});

describe("fetchFileSafely", () => {
  let base = "";
  const server = createServer((req, res) => {
    if (req.url === "/redirect-to-metadata") {
      res.writeHead(302, { location: "http://169.254.169.254/latest/meta-data/" });
      res.end();
      return;
    }
    res.end("file body");
  });
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("refuses loopback and private links that are not trusted", async () => {
    await expect(
      fetchFileSafely(`${base}/file.svg`, { trustedOrigins: [], timeoutMs: 2000 }),
    ).rejects.toThrow(UnsafeFileUrlError);
    await expect(
      fetchFileSafely("http://169.254.169.254/latest/", { trustedOrigins: [], timeoutMs: 2000 }),
    ).rejects.toThrow(/private network address/);
    await expect(
      fetchFileSafely("file:///etc/passwd", { trustedOrigins: [], timeoutMs: 2000 }),
    ).rejects.toThrow(/http\(s\)/);
  });

  it("fetches from a trusted origin (the simulator), and checks where a redirect leads", async () => {
    const ok = await fetchFileSafely(`${base}/file.svg`, { trustedOrigins: [base], timeoutMs: 2000 });
    expect(await ok.text()).toBe("file body");
    await expect(
      fetchFileSafely(`${base}/redirect-to-metadata`, { trustedOrigins: [base], timeoutMs: 2000 }),
    ).rejects.toThrow(/private network address/);
  });
});
