import { z } from "zod";

/** Locations one preview request may ask about (the form asks in slices). */
export const S3_LOOKUP_SLICE = 500;

export const lookUpS3Schema = z.object({
  locations: z.array(z.string().max(1100)).max(S3_LOOKUP_SLICE),
  extensions: z.array(z.string().regex(/^[a-z0-9]{1,10}$/)).max(50),
  /** The most documents the form takes (a batch's or an application upload's row limit). */
  limit: z.number().int().min(1).max(100_000),
});

export const listS3PageSchema = z.object({
  bucket: z.string().min(1).max(63),
  prefix: z.string().max(1024),
  continuationToken: z.string().max(2048).optional(),
});
