import { z } from "zod";

export const nextDocumentSchema = z.object({
  batch: z.string().uuid().nullish(),
  type: z.string().max(100).nullish(),
  reason: z.enum(["low_confidence", "validator"]).nullish(),
  /** The document the reviewer is leaving: its lock is released and the queue continues after it. */
  after: z.string().uuid().nullish(),
});
