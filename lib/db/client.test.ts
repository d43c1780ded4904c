import { readFileSync } from "node:fs";
import path from "node:path";
import { getTableName, is, sql } from "drizzle-orm";
import { PgTable } from "drizzle-orm/pg-core";
import { describe, expect, it } from "vitest";
import { openDatabase } from "./client";
import { pgErrorCode } from "./errors";
import { SYSTEM_ACTOR } from "./queries/audit";
import { createUser, findUserByEmail } from "./queries/users";
import * as schema from "./schema";
import {
  createEmptyPostgresDatabase,
  postgresTestDrivers,
  queryRows,
  testDrivers,
  useTestDatabase,
} from "./test-utils";

const journal = JSON.parse(readFileSync(path.join(process.cwd(), "drizzle/meta/_journal.json"), "utf8")) as {
  entries: unknown[];
};

const schemaTables = Object.values(schema)
  .flatMap((value) => (is(value, PgTable) ? [getTableName(value)] : []))
  .sort();

const newUser = (email: string) => ({
  email,
  name: "Test User",
  role: "reviewer" as const,
  passwordHash: "x",
});

describe.each(testDrivers)("openDatabase on %s", (driver) => {
  const t = useTestDatabase(driver, { onDisk: true });

  it("reports its driver and answers a ping", async () => {
    expect(t.database.driver).toBe(driver);
    await expect(t.database.ping()).resolves.toBeUndefined();
  });

  it("applies every committed migration and creates every table in the schema", async () => {
    const applied = await queryRows<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
    );
    expect(applied[0]?.n).toBe(journal.entries.length);
    const tables = await queryRows<{ name: string }>(
      t.db,
      sql`select table_name as name from information_schema.tables
          where table_schema = 'public' order by table_name`,
    );
    expect(tables.map((r) => r.name).sort()).toEqual(schemaTables);
  });

  it("commits a transaction, and rolls one back when it throws", async () => {
    await t.db.transaction(async (tx) => {
      await createUser(tx, newUser("committed@example.com"), SYSTEM_ACTOR);
    });
    await expect(
      t.db.transaction(async (tx) => {
        await createUser(tx, newUser("rolled-back@example.com"), SYSTEM_ACTOR);
        throw new Error("abort");
      }),
    ).rejects.toThrow("abort");
    expect(await findUserByEmail(t.db, "committed@example.com")).toBeDefined();
    expect(await findUserByEmail(t.db, "rolled-back@example.com")).toBeUndefined();
  });

  it("keeps its data across a restart, and re-opening applies nothing twice", async () => {
    await createUser(t.db, newUser("survivor@example.com"), SYSTEM_ACTOR);
    const reopened = await t.reopen();
    const user = await findUserByEmail(reopened.db, "survivor@example.com");
    expect(user?.email).toBe("survivor@example.com");
    const applied = await queryRows<{ n: number }>(
      reopened.db,
      sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
    );
    expect(applied[0]?.n).toBe(journal.entries.length);
  });

  it("enforces the schema's own rules (lower-case email, one owner per document)", async () => {
    const violation = (attempt: Promise<unknown>) => attempt.then(() => "allowed", pgErrorCode);
    const checkViolation = "23514";
    const upperCaseEmail = t.db.insert(schema.users).values(newUser("Upper@Example.com"));
    const orphanDocument = t.db
      .insert(schema.documents)
      .values({ externalId: "d1", fileUrl: "https://x/y.pdf" });
    expect(await violation(upperCaseEmail)).toBe(checkViolation);
    expect(await violation(orphanDocument)).toBe(checkViolation);
  });
});

describe.each(postgresTestDrivers)("several instances starting at once on %s", () => {
  it("migrate one after another and end up with each migration applied once", async () => {
    const server = await createEmptyPostgresDatabase();
    const starts = await Promise.allSettled(
      [1, 2, 3].map(() => openDatabase({ databaseUrl: server.url, dataDir: "unused" })),
    );
    const instances = starts.flatMap((s) => (s.status === "fulfilled" ? [s.value] : []));
    try {
      expect(starts.filter((s) => s.status === "rejected")).toEqual([]);
      const applied = await queryRows<{ n: number }>(
        instances[0]!.db,
        sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
      );
      expect(applied[0]?.n).toBe(journal.entries.length);
    } finally {
      await Promise.all(instances.map((i) => i.close()));
      await server.drop();
    }
  });
});
