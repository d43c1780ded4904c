import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createSimulator, type Simulator } from "./simulator";
import type { SimulatorOptions } from "./options";

export interface SimServer {
  simulator: Simulator;
  /** e.g. http://127.0.0.1:4010 (plus basePath, if any) */
  baseUrl: string;
  port: number;
  close(): Promise<void>;
}

async function toRequest(req: IncomingMessage, origin: string): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) value.forEach((v) => headers.append(key, v));
    else if (value !== undefined) headers.set(key, value);
  }
  const hasBody = req.method !== "GET" && req.method !== "HEAD" && chunks.length > 0;
  return new Request(new URL(req.url ?? "/", origin), {
    method: req.method,
    headers,
    body: hasBody ? Buffer.concat(chunks) : undefined,
  });
}

async function writeResponse(res: ServerResponse, response: Response): Promise<void> {
  res.statusCode = response.status;
  response.headers.forEach((value, key) => res.setHeader(key, value));
  res.end(Buffer.from(await response.arrayBuffer()));
}

/** Serves a simulator over node:http. Port 0 picks a free port (tests). */
export async function startSimServer(
  options: SimulatorOptions & { port?: number; host?: string } = {},
): Promise<SimServer> {
  const { port = 0, host = "127.0.0.1", ...simOptions } = options;
  const simulator = createSimulator(simOptions);
  const server: Server = createServer((req, res) => {
    const origin = `http://${req.headers.host ?? `${host}:${port}`}`;
    toRequest(req, origin)
      .then((request) => simulator.handle(request))
      .then((response) => writeResponse(res, response))
      .catch((e: unknown) => {
        if (res.headersSent) return res.destroy();
        res.statusCode = 500;
        res.setHeader("content-type", "application/json");
        res.end(
          JSON.stringify({
            error: "Internal Server Error",
            reason: e instanceof Error ? e.message : "unknown",
          }),
        );
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, resolve);
  });
  const actualPort = (server.address() as AddressInfo).port;
  const displayHost = host === "0.0.0.0" ? "127.0.0.1" : host;
  return {
    simulator,
    port: actualPort,
    baseUrl: `http://${displayHost}:${actualPort}${simulator.basePath}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
