import { type ChildProcess, spawn } from "node:child_process";

/**
 * Processes a spec starts beside the suite's own server (another app instance, the standalone
 * simulator): `node <command…>` with extra environment, its output kept in `logs` for the error
 * that says why it did not come up.
 */
export function startProcess(command: string[], env: Record<string, string>, logs: string[]): ChildProcess {
  const child = spawn(process.execPath, command, {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (d) => logs.push(String(d)));
  child.stderr?.on("data", (d) => logs.push(String(d)));
  return child;
}

/** Resolves once `url` answers 2xx; throws with the process's output after `timeoutMs`. */
export async function waitForUrl(url: string, logs: string[], timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${url} did not come up:\n${logs.join("")}`);
}

/** SIGTERM (the app then stops its background work and embedded PostgreSQL), SIGKILL after `graceMs`. */
export function stopProcess(child: ChildProcess | undefined, graceMs = 15_000): Promise<void> {
  return new Promise((resolve) => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      resolve();
    }, graceMs);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

/** The built app (`next start`) on `port` as its own production process, with extra environment. */
export function startApp(port: number, env: Record<string, string>, logs: string[]): ChildProcess {
  return startProcess(
    ["node_modules/next/dist/bin/next", "start", "-p", String(port)],
    { PORT: String(port), NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", ...env },
    logs,
  );
}
