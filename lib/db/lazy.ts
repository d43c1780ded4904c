import type { Database } from "./types";

export interface LazyDatabase {
  /** Opens on first call; concurrent first callers share one open. A failed open is retried next call. */
  get(): Promise<Database>;
  close(): Promise<void>;
}

export function createLazyDatabase(open: () => Promise<Database>): LazyDatabase {
  let pending: Promise<Database> | undefined;
  return {
    get() {
      pending ??= open().catch((error: unknown) => {
        pending = undefined;
        throw error;
      });
      return pending;
    },
    async close() {
      const current = pending;
      pending = undefined;
      const database = await current?.catch(() => undefined);
      await database?.close();
    },
  };
}
