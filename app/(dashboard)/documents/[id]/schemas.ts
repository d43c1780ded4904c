import { z } from "zod";
import { uuidSchema } from "@/lib/ids";

/** Inputs of the workspace's actions; client-safe so the screen and the actions share them. */
const id = uuidSchema();
const version = z.number().int().min(1);

export const fieldChangeSchema = z.object({
  documentId: id,
  fieldId: id,
  version,
  change: z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("accept") }),
    z.object({ kind: z.literal("unreadable") }),
    z.object({ kind: z.literal("reset") }),
    z.object({ kind: z.literal("correct"), text: z.string().max(20_000) }),
  ]),
});

export const documentSchema = z.object({ documentId: id });
export const heartbeatSchema = documentSchema.extend({ renew: z.boolean() });
export const decisionSchema = z.object({ documentId: id, version });
export const rejectSchema = decisionSchema.extend({
  code: z.string().trim().min(1, "Choose a reason.").max(40),
  reason: z.string().trim().max(500, "Keep the reason under 500 characters.").optional(),
});
export const revealSchema = z.object({ fieldId: id });
