/**
 * Appended to the embedded server's postgresql.conf when its data folder is created. Modest on
 * memory: the app is small, and the server shares the machine with the Next server. Edit
 * `${DATA_DIR}/postgres/postgresql.conf` (or use ALTER SYSTEM) and restart to change them.
 */
export const POSTGRESQL_CONF = `
# --- Atlas Review embedded defaults (lib/db/embedded-settings.ts) ---
# Unix socket only (in this folder, or the temp dir when the path is too long): no TCP port.
listen_addresses = ''
port = 5432
max_connections = 40
shared_buffers = 32MB
work_mem = 4MB
maintenance_work_mem = 32MB
effective_cache_size = 256MB
wal_buffers = 1MB
min_wal_size = 32MB
max_wal_size = 256MB
max_worker_processes = 4
max_parallel_workers = 2
max_parallel_workers_per_gather = 1
huge_pages = off
log_min_messages = warning
log_checkpoints = off
`;
