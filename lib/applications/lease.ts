import "server-only";
import { flows } from "@/lib/db/schema";
import { rowLease } from "@/lib/leases";

/** The per-flow polling lease (see lib/leases.ts). */
const lease = rowLease(flows);
export const acquireFlowLease = lease.acquire;
export const releaseFlowLease = lease.release;
