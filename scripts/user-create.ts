/**
 * `npm run user:create -- --email you@bank.example --role admin [--name "Your Name"] [--password …]`
 *
 * Creates an account directly in the database: the way to make the first admin when no demo
 * accounts exist. Without --password a strong one is generated and printed once. It may run while
 * the dashboard is up: with the embedded database it connects to the server the dashboard runs
 * (or starts it, and stops it again when done).
 */
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { hashPassword, MIN_PASSWORD_LENGTH } from "../lib/auth/password";
import { openDatabase } from "../lib/db/client";
import { SYSTEM_ACTOR } from "../lib/db/queries/audit";
import { createUser, EmailTakenError } from "../lib/db/queries/users";
import { getEnv } from "../lib/env";
import { isRole, ROLES } from "../lib/roles";

for (const file of [".env", ".env.local"]) {
  try {
    process.loadEnvFile(file);
  } catch {
    // optional
  }
}

function fail(message: string): never {
  console.error(`user:create: ${message}`);
  process.exit(2);
}

const { values } = parseArgs({
  options: {
    email: { type: "string" },
    role: { type: "string" },
    name: { type: "string" },
    password: { type: "string" },
  },
});

const rawEmail = values.email?.trim().toLowerCase();
if (!rawEmail || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(rawEmail)) {
  fail("give a valid --email, e.g. npm run user:create -- --email you@bank.example --role admin");
}
const email: string = rawEmail;
if (!isRole(values.role)) fail(`give --role as one of: ${ROLES.join(", ")}`);
const role = values.role;
const generated = !values.password;
const password = values.password ?? randomBytes(15).toString("base64url");
if (password.length < MIN_PASSWORD_LENGTH)
  fail(`the password must have at least ${MIN_PASSWORD_LENGTH} characters`);
const name = values.name?.trim() || email.split("@")[0]!;

async function main() {
  const env = getEnv();
  let database;
  try {
    database = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR });
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  try {
    const user = await createUser(
      database.db,
      { email, name, role, passwordHash: await hashPassword(password) },
      {
        ...SYSTEM_ACTOR,
        actorEmail: "cli:user:create",
      },
    );
    console.log(`Created ${user.email} (${user.role}).`);
    if (generated) console.log(`Password (shown once, change it after signing in): ${password}`);
  } catch (error) {
    if (!(error instanceof EmailTakenError)) throw error;
    await database.close();
    fail(error.message);
  } finally {
    await database.close();
  }
}

void main();
