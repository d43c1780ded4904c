import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "./client";
import { embeddedServerPaths, findRunningServer, stopEmbeddedServer } from "./embedded-postgres";
import { SYSTEM_ACTOR } from "./queries/audit";
import { createUser, findUserByEmail } from "./queries/users";

/**
 * The embedded PostgreSQL is shared between processes on one data folder: the second connects,
 * it survives a kill -9 of whoever started it, and a stale postmaster.pid does not block a start.
 */
const fixture = path.join(__dirname, "test-fixtures/embedded-child.ts");
const tempDirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "atlas-review-embedded-"));
  tempDirs.push(dir);
  return dir;
};

interface ChildResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs the fixture in a new Node process; `onLine` may act on its output (e.g. kill it). */
function runChild(args: string[], onLine?: (line: string, kill: (s: NodeJS.Signals) => void) => void) {
  return new Promise<ChildResult>((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", fixture, ...args], {
      cwd: process.cwd(),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      for (const line of chunk.toString().split("\n")) if (line) onLine?.(line, (s) => child.kill(s));
    });
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("exit", (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

const running = (dataDir: string) => findRunningServer(embeddedServerPaths(dataDir).pgdata, 5_000);
const user = (email: string) => ({ email, name: "Test", role: "reviewer" as const, passwordHash: "x" });

const opened: Database[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((d) => d.close()));
});
afterAll(async () => {
  for (const dir of tempDirs) {
    const server = await running(dir).catch(() => undefined);
    if (server) await stopEmbeddedServer(server.pid);
    rmSync(dir, { recursive: true, force: true });
  }
});

describe("the embedded PostgreSQL", () => {
  it("is started on first open and stopped by a graceful close when nobody else uses it", async () => {
    const dataDir = tempDir();
    const database = await openDatabase({ dataDir });
    expect(database.driver).toBe("embedded");
    const server = await running(dataDir);
    expect(server?.pid).toBeGreaterThan(0);
    await database.close();
    expect(await running(dataDir)).toBeUndefined();
    expect(existsSync(path.join(embeddedServerPaths(dataDir).pgdata, "PG_VERSION"))).toBe(true);
  });

  it("is stopped when the process that started it gets SIGTERM, or exits without closing, and is alone", async () => {
    const dataDir = tempDir();
    const terminated = await runChild([dataDir, "--hold"], (line, kill) => {
      if (line === "ready") kill("SIGTERM");
    });
    expect(terminated.signal).toBe("SIGTERM");
    await expect.poll(() => running(dataDir), { timeout: 20_000 }).toBeUndefined();
    const exited = await runChild([dataDir, "--exit"]);
    expect(exited.code).toBe(0);
    await expect.poll(() => running(dataDir), { timeout: 20_000 }).toBeUndefined();
  });

  it("is shared: another process connects to the running server, and each sees the other's writes", async () => {
    const dataDir = tempDir();
    const database = await openDatabase({ dataDir });
    opened.push(database);
    await createUser(database.db, user("parent@example.com"), SYSTEM_ACTOR);
    const child = await runChild([dataDir, "child@example.com"]);
    expect(child.stderr).toBe("");
    expect(child.stdout.trim()).toBe("opened");
    expect(child.code).toBe(0);
    expect((await findUserByEmail(database.db, "child@example.com"))?.email).toBe("child@example.com");
    // The child did not start the server, so its close left it running for us.
    await expect(database.ping()).resolves.toBeUndefined();
  });

  it("is left running when its starter closes while another process is connected", async () => {
    const dataDir = tempDir();
    const database = await openDatabase({ dataDir });
    const pid = (await running(dataDir))!.pid;
    let afterClose: string | undefined;
    const child = await runChild([dataDir, "--hold"], (line, kill) => {
      if (line !== "ready") return;
      void database
        .close()
        .then(() => running(dataDir))
        .then((server) => (afterClose = server ? `running ${server.pid}` : "stopped"))
        .finally(() => kill("SIGTERM"));
    });
    expect(afterClose).toBe(`running ${pid}`);
    expect(child.signal).toBe("SIGTERM");
    // The next opener reuses it.
    const again = await openDatabase({ dataDir });
    opened.push(again);
    expect((await running(dataDir))?.pid).toBe(pid);
  });

  it("outlives a kill -9 of the process that started it; the next start reuses it, data intact", async () => {
    const dataDir = tempDir();
    const child = await runChild([dataDir, "--hold"], (line, kill) => {
      if (line === "ready") kill("SIGKILL");
    });
    expect(child.signal).toBe("SIGKILL");
    const orphan = await running(dataDir);
    expect(orphan).toBeDefined();
    const database = await openDatabase({ dataDir });
    opened.push(database);
    expect((await running(dataDir))?.pid).toBe(orphan?.pid);
    await expect(database.ping()).resolves.toBeUndefined();
  });

  it("starts despite a stale postmaster.pid: after the server itself was killed, or naming a reused pid", async () => {
    const dataDir = tempDir();
    const first = await openDatabase({ dataDir });
    await createUser(first.db, user("kept@example.com"), SYSTEM_ACTOR);
    const { pid } = (await running(dataDir))!;
    process.kill(pid, "SIGKILL");
    await first.close().catch(() => undefined);
    const pidFile = path.join(embeddedServerPaths(dataDir).pgdata, "postmaster.pid");
    expect(existsSync(pidFile)).toBe(true);

    const second = await openDatabase({ dataDir });
    expect((await findUserByEmail(second.db, "kept@example.com"))?.email).toBe("kept@example.com");
    await second.close();

    // A pid file naming a live process that is not PostgreSQL (here: this test process).
    writeFileSync(pidFile, `${process.pid}\n${dataDir}\n0\n5432\n${dataDir}\n\n0 0\nready\n`);
    const third = await openDatabase({ dataDir });
    opened.push(third);
    expect((await findUserByEmail(third.db, "kept@example.com"))?.email).toBe("kept@example.com");
  });

  it("is created once when several processes open an empty folder at the same time", async () => {
    const dataDir = tempDir();
    const children = await Promise.all([1, 2, 3].map((i) => runChild([dataDir, `racer${i}@example.com`])));
    for (const child of children) {
      expect(child.stderr).toBe("");
      expect(child.code).toBe(0);
    }
    const database = await openDatabase({ dataDir });
    opened.push(database);
    for (const i of [1, 2, 3]) {
      expect((await findUserByEmail(database.db, `racer${i}@example.com`))?.email).toBe(
        `racer${i}@example.com`,
      );
    }
  });
});
