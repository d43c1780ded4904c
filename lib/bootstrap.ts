import "server-only";
import { hashPassword } from "@/lib/auth/password";
import { getDb } from "@/lib/db";
import { SYSTEM_ACTOR } from "@/lib/db/queries/audit";
import { createUser, findUserByEmail } from "@/lib/db/queries/users";
import { DEMO_ACCOUNTS } from "@/lib/demo-accounts";
import { startBatchEngine } from "@/lib/batches/service";
import { startApplicationPoller } from "@/lib/applications/service";
import { getEnv } from "@/lib/env";
import { startSecondReader } from "@/lib/second-reader/queue";
import { logger } from "@/lib/logger";

/**
 * Runs once when the server starts (instrumentation.ts): opens the database (which applies
 * migrations and, for the embedded one, starts or joins its PostgreSQL server) and creates the demo
 * accounts in demo mode.
 */
export async function bootstrap(): Promise<void> {
  const env = getEnv();
  const db = await getDb();
  if (env.demoAccounts) {
    for (const account of DEMO_ACCOUNTS) {
      if (await findUserByEmail(db, account.email)) continue;
      const passwordHash = await hashPassword(account.password);
      try {
        await createUser(
          db,
          { email: account.email, name: account.name, role: account.role, passwordHash },
          SYSTEM_ACTOR,
        );
      } catch (error) {
        // Several instances starting together on one PostgreSQL race to create the same account.
        if ((error as Error).name !== "EmailTakenError") throw error;
      }
    }
  }
  startBatchEngine();
  startApplicationPoller();
  // OCR of every extracted scan in the background (SECOND_READER=off: not started).
  void startSecondReader(db, env);
  logger.info("app.started", {
    mode: env.demoMode ? "demo (embedded Atlas simulator)" : "atlas",
    database: env.DATABASE_URL ? "postgres" : `embedded-postgres (${env.DATA_DIR})`,
  });
}

/** Start-up failures (database locked by another process, unreachable PostgreSQL …) end the process with the reason. */
export async function bootstrapOrExit(): Promise<void> {
  try {
    await bootstrap();
  } catch (error) {
    console.error(
      `\nAtlas Review could not start:\n${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  }
}
