/**
 * What the process that started the embedded PostgreSQL does when it leaves: stop the server,
 * unless another process (a second instance, a CLI script) is still connected to it.
 *
 * `next start` exits as soon as its own shutdown is done, without waiting for ours, so the
 * decision has to be quick: a connection held open for it answers with one query, and the stop
 * signal goes out before anything else is closed. If the process exits before deciding, the
 * server gets a "smart" shutdown instead: it stops once its remaining sessions have ended.
 */
import { Client } from "pg";
import { logger } from "@/lib/logger";
import { stopEmbeddedServer, type EmbeddedServer } from "./embedded-postgres";

export interface ServerOwnership {
  /** Graceful: ask, then stop (fast shutdown) and wait, or leave it running for the others. */
  release(closeOwnConnections: () => Promise<void>): Promise<void>;
  /** Last resort on "exit", where nothing asynchronous runs: smart shutdown. */
  releaseSync(): void;
}

/** `ownApplicationName`: the application_name of this process's own pool connections. */
export async function ownServer(
  server: EmbeddedServer,
  ownApplicationName: string,
): Promise<ServerOwnership> {
  const admin = new Client({
    ...server.connection,
    database: "postgres",
    application_name: ownApplicationName,
  });
  admin.on("error", () => undefined);
  await admin.connect();
  let decided = false;
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(server.pid, name);
    } catch {
      // already gone
    }
  };
  return {
    async release(closeOwnConnections) {
      if (decided) return;
      const others = await admin
        .query<{ n: number }>(
          `select count(*)::int as n from pg_stat_activity
           where backend_type = 'client backend' and application_name <> $1`,
          [ownApplicationName],
        )
        .then((r) => r.rows[0]?.n ?? 0)
        .catch(() => 0);
      decided = true;
      if (others === 0) signal("SIGINT");
      await closeOwnConnections();
      await admin.end().catch(() => undefined);
      if (others > 0) {
        logger.info("db.embedded_left_running", { pid: server.pid, otherConnections: others });
        return;
      }
      await stopEmbeddedServer(server.pid);
    },
    releaseSync() {
      if (decided) return;
      decided = true;
      signal("SIGTERM");
    },
  };
}
