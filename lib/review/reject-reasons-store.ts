import "server-only";
import type { Db } from "@/lib/db";
import type { AuditActor } from "@/lib/db/queries/audit";
import { getSetting, setSetting } from "@/lib/db/queries/settings";
import {
  readRejectReasons,
  REJECT_REASONS_SETTING,
  rejectReasonListSchema,
  type RejectReason,
} from "./reject-reasons";

/** The configured reject reasons (the defaults until an admin saves a list). */
export async function loadRejectReasons(db: Db): Promise<RejectReason[]> {
  return readRejectReasons((await getSetting(db, REJECT_REASONS_SETTING))?.value);
}

/** Saves the list (validated again here); audited as a setting change. */
export async function saveRejectReasons(db: Db, list: unknown, actor: AuditActor): Promise<RejectReason[]> {
  const reasons = rejectReasonListSchema.parse(list);
  await setSetting(db, REJECT_REASONS_SETTING, reasons, actor);
  return reasons;
}
