import "server-only";
import type { Db } from "@/lib/db";
import { thresholds } from "@/lib/db/schema";
import { buildThresholdSet, type ThresholdSet } from "./thresholds";

export async function loadThresholds(db: Db): Promise<ThresholdSet> {
  const rows = await db
    .select({
      scope: thresholds.scope,
      documentType: thresholds.documentType,
      fieldPath: thresholds.fieldPath,
      threshold: thresholds.threshold,
    })
    .from(thresholds);
  return buildThresholdSet(rows);
}
