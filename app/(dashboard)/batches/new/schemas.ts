import { z } from "zod";

export const FIND_RECORDED_SLICE = 1000;

export const findRecordedSchema = z.object({
  files: z
    .array(z.object({ base: z.string().max(8192), identity: z.string().max(8192) }))
    .max(FIND_RECORDED_SLICE),
  documentIds: z.array(z.string().max(128)).max(FIND_RECORDED_SLICE),
});
