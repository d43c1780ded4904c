/**
 * Child process for the embedded-server tests: opens the embedded database in a data folder.
 *   embedded-child.ts <dataDir> [email]   open, create the user `email` if given, print "opened", close
 *   embedded-child.ts <dataDir> --hold    open, print "ready", keep it open until signalled
 *   embedded-child.ts <dataDir> --exit    open, then process.exit(0) without closing
 */
import { openDatabase } from "../client";
import { SYSTEM_ACTOR } from "../queries/audit";
import { createUser } from "../queries/users";

async function main(): Promise<void> {
  const [dataDir, arg] = process.argv.slice(2);
  if (!dataDir) throw new Error("usage: embedded-child.ts <dataDir> [email | --hold | --exit]");
  const database = await openDatabase({ dataDir });
  if (arg === "--hold") {
    console.log("ready");
    setInterval(() => undefined, 60_000);
    return;
  }
  if (arg === "--exit") process.exit(0);
  if (arg) {
    await createUser(
      database.db,
      { email: arg, name: "Child", role: "reviewer", passwordHash: "x" },
      SYSTEM_ACTOR,
    );
  }
  console.log("opened");
  await database.close();
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
