"use server";

import { defineAction } from "@/lib/actions";
import { findRecorded } from "@/lib/batches/recorded";
import { getDb } from "@/lib/db";
import { findRecordedSchema } from "./schemas";

/**
 * Which files and document ids of the preview are already recorded in a batch, so the preview
 * can point them out with a link. The form asks in slices of at most 1,000 rows. (Submitting
 * goes through POST /api/batches: a full batch is larger than a server action may carry.)
 */
export const findRecordedAction = defineAction(
  {
    name: "batches.findRecorded",
    guard: { kind: "permission", permission: "batches:create" },
    input: findRecordedSchema,
  },
  async (input) => findRecorded(await getDb(), input),
);
