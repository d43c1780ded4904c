import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { getEnv } from "@/lib/env";

/**
 * The key that signs session cookies. Configured through AUTH_SECRET; in demo mode (where the
 * env check lets it be absent) one is generated once into the data folder so that sessions
 * survive a restart.
 *
 * No `import "server-only"` here: proxy.ts imports this file, and the proxy bundle is not built
 * with the react-server condition that makes that import a no-op.
 */
let cached: string | undefined;

export function getAuthSecret(): string {
  if (cached) return cached;
  const env = getEnv();
  if (env.AUTH_SECRET) return (cached = env.AUTH_SECRET);
  const file = path.resolve(env.DATA_DIR, "auth-secret");
  try {
    cached = fs.readFileSync(file, "utf8").trim();
    if (cached.length >= 32) return cached;
  } catch {
    // not generated yet
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const secret = randomBytes(33).toString("base64");
  try {
    fs.writeFileSync(file, secret, { mode: 0o600, flag: "wx" });
    cached = secret;
  } catch {
    // Another worker wrote it first: use theirs.
    cached = fs.readFileSync(file, "utf8").trim();
  }
  return cached;
}
