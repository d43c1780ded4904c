import { z } from "zod";
import { uuidSchema } from "@/lib/ids";

export const nextDocumentSchema = z.object({
  batch: uuidSchema().nullish(),
  type: z.string().max(100).nullish(),
  reason: z.enum(["low_confidence", "validator"]).nullish(),
  /** The document the reviewer is leaving: its lock is released and the queue continues after it. */
  after: uuidSchema().nullish(),
});
