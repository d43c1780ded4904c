/**
 * Creating the embedded PostgreSQL's data folder (initdb into a scratch folder, then one rename)
 * and choosing where its unix socket lives. Used by embedded-postgres.ts.
 */
import { spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { assertReachable, type Binaries, type Owner } from "./embedded-runtime";
import { POSTGRESQL_CONF } from "./embedded-settings";

/** Runs a program to its end without blocking the event loop; stderr kept for the error message. */
function runToEnd(
  command: string,
  args: string[],
  owner: Owner | undefined,
): Promise<{ status: number | null; stderr: string; error?: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ["ignore", "ignore", "pipe"], ...owner });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", (error) => resolve({ status: null, stderr, error: error.message }));
    child.on("close", (status) => resolve({ status, stderr }));
  });
}

/** initdb into a scratch folder, then one rename: a half-created data folder never exists. */
export async function initialise(pgdata: string, bin: Binaries, owner: Owner | undefined): Promise<void> {
  if (fs.existsSync(pgdata)) {
    if (fs.readdirSync(pgdata).length > 0) {
      throw new Error(`${pgdata} is not empty but holds no PostgreSQL data (no PG_VERSION); move it away`);
    }
    fs.rmdirSync(pgdata);
  }
  const scratch = `${pgdata}.initdb-${randomBytes(4).toString("hex")}`;
  fs.mkdirSync(scratch, { mode: 0o700 });
  if (owner) {
    fs.chownSync(scratch, owner.uid, owner.gid);
    // DATA_DIR is ours (often made by mkdtemp, mode 0700): the postgres user must pass through it.
    const parent = path.dirname(pgdata);
    fs.chmodSync(parent, fs.statSync(parent).mode | 0o001);
    assertReachable(scratch, owner);
  }
  const args = ["-D", scratch, "--username=postgres", "--auth=trust", "--encoding=UTF8", "--no-locale"];
  // Asynchronous: initdb takes seconds, and the server (or an in-process simulator) must keep
  // answering meanwhile.
  const result = await runToEnd(bin.initdb, args, owner);
  if (result.status !== 0) {
    fs.rmSync(scratch, { recursive: true, force: true });
    throw new Error(`initdb failed (${result.error ?? `exit ${result.status}`}):\n${result.stderr}`);
  }
  fs.appendFileSync(path.join(scratch, "postgresql.conf"), POSTGRESQL_CONF);
  fs.renameSync(scratch, pgdata);
}

/** The socket in the data folder when the path fits (unix sockets allow ~107 bytes), else in the temp dir. */
export function socketDirectory(pgdata: string, owner: Owner | undefined): string {
  if (Buffer.byteLength(path.join(pgdata, ".s.PGSQL.65535")) <= 100) return pgdata;
  const dir = path.join(
    os.tmpdir(),
    `atlas-review-pg-${createHash("sha256").update(pgdata).digest("hex").slice(0, 12)}`,
  );
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (owner) fs.chownSync(dir, owner.uid, owner.gid);
  return dir;
}
