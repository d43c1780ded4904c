/**
 * A file server for the second reader's queue tests, standing in for the simulator (a trusted
 * source when PORT names it, in demo mode): it serves one small PNG scan at any path, holds the
 * answers back while the test says so (to catch a job mid-way), and counts the requests per path.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Resvg } from "@resvg/resvg-js";

export const SCAN_PNG = new Resvg(
  `<svg xmlns="http://www.w3.org/2000/svg" width="600" height="160" font-family="Arial, sans-serif">
    <rect width="600" height="160" fill="#fff"/><text x="30" y="100" font-size="32" font-weight="bold">ABCPK1234F</text></svg>`,
  { font: { loadSystemFonts: true } },
)
  .render()
  .asPng();

export type ScanServer = {
  port(): number;
  /** The path of the next request to arrive. */
  requested(): Promise<string>;
  /** Serves what waits, and (`hold: false`) everything from now on without waiting. */
  release(options?: { hold?: boolean }): void;
  /** How many times each path was asked for. */
  counts: Map<string, number>;
  close(): Promise<void>;
};

export async function startScanServer(): Promise<ScanServer> {
  const waiting: Array<() => void> = [];
  const counts = new Map<string, number>();
  let holding = true;
  let arrived: (path: string) => void = () => undefined;
  const server = http.createServer((req, res) => {
    const path = req.url ?? "";
    counts.set(path, (counts.get(path) ?? 0) + 1);
    arrived(path);
    const send = () => {
      res.writeHead(200, { "content-type": "image/png" });
      res.end(SCAN_PNG);
    };
    if (holding) waiting.push(send);
    else send();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: () => (server.address() as AddressInfo).port,
    requested: () => new Promise<string>((resolve) => (arrived = resolve)),
    release: ({ hold = true } = {}) => {
      holding = hold;
      waiting.splice(0).forEach((send) => send());
    },
    counts,
    close: async () => {
      holding = false;
      waiting.splice(0).forEach((send) => send());
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
