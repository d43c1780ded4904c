import "server-only";
import { applications } from "@/lib/db/schema";
import { rowLease } from "@/lib/leases";

/** The per-application polling lease (see lib/leases.ts). */
const lease = rowLease(applications);
export const acquireApplicationLease = lease.acquire;
export const releaseApplicationLease = lease.release;
