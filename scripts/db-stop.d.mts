export function readPostmasterPid(dataDir: string): { pid: number; port: number; socketDir: string } | null;
export function openSessions(dataDir: string): Promise<number | null>;
export function stopEmbeddedPostgres(dataDir: string, timeoutMs?: number): Promise<boolean>;
