/**
 * Child process for the lock tests: opens the embedded database in the given data folder.
 *   open-embedded.ts <dataDir>          open, print "opened", close; exit 3 if refused
 *   open-embedded.ts <dataDir> --hold   open, print "ready", keep it open until signalled
 */
import { DatabaseLockedError, openDatabase } from "../client";

/** embedded-lock.test.ts expects this exit code for a refusal. */
const REFUSED_EXIT_CODE = 3;

async function main(): Promise<void> {
  const [dataDir, mode] = process.argv.slice(2);
  if (!dataDir) throw new Error("usage: open-embedded.ts <dataDir> [--hold]");
  try {
    const database = await openDatabase({ dataDir });
    if (mode === "--hold") {
      console.log("ready");
      setInterval(() => undefined, 60_000);
      return;
    }
    console.log("opened");
    await database.close();
  } catch (error) {
    if (!(error instanceof DatabaseLockedError)) throw error;
    console.log(error.message);
    process.exit(REFUSED_EXIT_CODE);
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
