import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it, vi } from "vitest";
import { openDatabase } from "./client";
import { embeddedServerPaths, findRunningServer, stopEmbeddedServer } from "./embedded-postgres";
import { migratePglite, defaultMigrationsFolder } from "./migrate";
import { SYSTEM_ACTOR } from "./queries/audit";
import { createUser, findUserByEmail } from "./queries/users";
import { queryRows } from "./test-utils";

/**
 * An app that ran on the old embedded default left its data in `${DATA_DIR}/pglite`, possibly a
 * few migrations behind. The first start on the embedded PostgreSQL imports it, every row and
 * sequence, and keeps the old folder under another name.
 */
const dataDir = mkdtempSync(path.join(os.tmpdir(), "atlas-review-import-"));
const { pglite } = embeddedServerPaths(dataDir);
afterAll(async () => {
  const server = await findRunningServer(embeddedServerPaths(dataDir).pgdata, 5_000).catch(() => undefined);
  if (server) await stopEmbeddedServer(server.pid);
  rmSync(dataDir, { recursive: true, force: true });
});

const USER_ID = "7d9a3f0e-58a5-4f57-9c55-0d7b0f7f2a11";
const BATCH_ID = "0b4c1d8e-1f2a-4b3c-8d4e-5f6a7b8c9d0e";
const DOCUMENT_ID = "c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f";

/** An old app's folder: only the first three migrations, and some data in them. */
async function seedOldPglite(): Promise<void> {
  const oldMigrations = path.join(dataDir, "old-migrations");
  cpSync(defaultMigrationsFolder(), oldMigrations, { recursive: true });
  const journalFile = path.join(oldMigrations, "meta/_journal.json");
  const journal = JSON.parse(readFileSync(journalFile, "utf8")) as { entries: unknown[] };
  writeFileSync(journalFile, JSON.stringify({ ...journal, entries: journal.entries.slice(0, 3) }));
  const old = await PGlite.create(pglite);
  await migratePglite(old, oldMigrations);
  await old.exec(`
    insert into users (id, email, name, role, password_hash, created_at)
      values ('${USER_ID}', 'old@example.com', 'Old Officer', 'admin', 'hash', '2025-01-02T03:04:05.678Z');
    insert into batches (id, product_type, created_by, label, document_count)
      values ('${BATCH_ID}', 'kyc', '${USER_ID}', 'from PGlite', 1);
    insert into documents (id, batch_id, document_id, file_url, status, file_data, min_confidence)
      values ('${DOCUMENT_ID}', '${BATCH_ID}', 'doc-1', 'https://files.example/1.pdf', 'extracted',
              '{"name": "Ä \\"quoted\\"", "n": [1, 2.5]}', 0.91);
    insert into audit_events (actor_email, action, target_type, target_id) values
      ('old@example.com', 'user.create', 'user', '${USER_ID}'),
      ('old@example.com', 'batch.create', 'batch', '${BATCH_ID}'),
      ('old@example.com', 'batch.submit', 'batch', '${BATCH_ID}');
  `);
  await old.close();
  rmSync(oldMigrations, { recursive: true });
}

describe("importing an old PGlite folder into the embedded PostgreSQL", () => {
  it("is refused, importing nothing, while an older app still holds the PGlite folder", async () => {
    await seedOldPglite();
    writeFileSync(
      `${pglite}.lock`,
      JSON.stringify({ pid: process.ppid, hostname: os.hostname(), startedAt: "then", token: "old-app" }),
    );
    await expect(openDatabase({ dataDir })).rejects.toThrow(`already open in process ${process.ppid}`);
    rmSync(`${pglite}.lock`);
    expect(existsSync(path.join(pglite, "PG_VERSION"))).toBe(true);
  });

  it("copies every row and sequence on the first start, migrates it forward, and keeps the old folder", async () => {
    const log = vi.spyOn(console, "log");
    const database = await openDatabase({ dataDir });
    try {
      const user = await findUserByEmail(database.db, "old@example.com");
      expect(user).toMatchObject({ id: USER_ID, name: "Old Officer", role: "admin", active: true });
      expect(user?.createdAt.toISOString()).toBe("2025-01-02T03:04:05.678Z");
      const [document] = await queryRows<{ file_data: unknown; min_confidence: number; status: string }>(
        database.db,
        sql`select file_data, min_confidence, status from documents where id = ${DOCUMENT_ID}`,
      );
      expect(document).toEqual({
        file_data: { name: 'Ä "quoted"', n: [1, 2.5] },
        min_confidence: 0.91,
        status: "extracted",
      });
      // Columns added by the later migrations exist and hold their defaults.
      const applied = await queryRows<{ n: number }>(
        database.db,
        sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
      );
      const journal = JSON.parse(readFileSync("drizzle/meta/_journal.json", "utf8")) as {
        entries: unknown[];
      };
      expect(applied[0]?.n).toBe(journal.entries.length);
      // The audit trail's identity sequence goes on after the imported rows.
      await createUser(
        database.db,
        { email: "new@example.com", name: "New", role: "reviewer", passwordHash: "x" },
        SYSTEM_ACTOR,
      );
      const ids = await queryRows<{ id: string; action: string }>(
        database.db,
        sql`select id::text, action from audit_events order by id`,
      );
      expect(ids.map((r) => [r.id, r.action])).toEqual([
        ["1", "user.create"],
        ["2", "batch.create"],
        ["3", "batch.submit"],
        ["4", "user.create"],
      ]);
    } finally {
      await database.close();
    }
    expect(existsSync(pglite)).toBe(false);
    const kept = readdirSync(dataDir).filter((name) => name.startsWith("pglite.imported-"));
    expect(kept).toHaveLength(1);
    expect(existsSync(path.join(dataDir, kept[0]!, "PG_VERSION"))).toBe(true);
    const logged = log.mock.calls
      .map((call) => String(call[0]))
      .find((line) => line.includes("db.pglite_imported"));
    expect(logged).toContain(`"keptAs":`);
    // 1 user, 1 batch, 1 document, 3 audit events, and the document_counts row that migration
    // 0008's backfill makes for the document when the old folder is migrated forward.
    expect(logged).toContain(`"rows":7`);
    log.mockRestore();
  });

  it("does not import again on the next start", async () => {
    const database = await openDatabase({ dataDir });
    try {
      const users = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from users`);
      expect(users[0]?.n).toBe(2);
    } finally {
      await database.close();
    }
  });
});
