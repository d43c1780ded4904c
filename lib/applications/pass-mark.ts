import "server-only";
import { z } from "zod";
import type { Db } from "@/lib/db";
import type { AuditActor } from "@/lib/db/queries/audit";
import { getSetting, setSetting } from "@/lib/db/queries/settings";
import { DEFAULT_PASS_MARK } from "./status";

/** The similarity (0–100) a cross-check needs to pass; the docs leave it to the lender (atlas-api.md 5). */
export const PASS_MARK_KEY = "flows.cross_check_pass_mark";

export const passMarkSchema = z.number().min(0).max(100);

export async function getPassMark(db: Db): Promise<number> {
  const row = await getSetting(db, PASS_MARK_KEY);
  const parsed = passMarkSchema.safeParse(row?.value);
  return parsed.success ? parsed.data : DEFAULT_PASS_MARK;
}

export async function setPassMark(db: Db, value: number, actor: AuditActor): Promise<void> {
  await setSetting(db, PASS_MARK_KEY, passMarkSchema.parse(value), actor);
}
