import "server-only";
import { batches } from "@/lib/db/schema";
import { rowLease } from "@/lib/leases";

/** The per-batch sync lease (see lib/leases.ts). */
const lease = rowLease(batches);
export const acquireLease = lease.acquire;
export const releaseLease = lease.release;
