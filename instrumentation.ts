/**
 * Next.js calls `register` once when a server instance starts. We open the database here (so a
 * database that cannot be opened stops start-up, not the first request), create demo accounts,
 * and start background work.
 */
export async function register() {
  // eslint-disable-next-line no-restricted-properties -- Next's own runtime marker, not a setting
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // First: record each request's socket address before any of it is served (lib/auth/client-address.ts).
  const { installPeerStamp } = await import("./lib/auth/client-address");
  installPeerStamp();
  const { bootstrapOrExit } = await import("./lib/bootstrap");
  await bootstrapOrExit();
}
