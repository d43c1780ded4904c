/**
 * The thresholds that decide when the second reader sends a field to review, as an admin sets
 * them (Admin → Settings), over the environment's defaults (SECOND_READER_FOUND_PERCENT, …).
 * Pure and client-safe: the schema is shared by the settings form and the server action.
 */
import { z } from "zod";
import type { Env } from "@/lib/env";
import type { MatchSettings } from "./match";

const whole = (min: number, max: number) => {
  const message = `Type a whole number from ${min} to ${max}`;
  return z.number({ message }).int(message).min(min, message).max(max, message);
};

/** The settings as people set them: percentages and a switch (the ranges of the environment's). */
export const matchSettingsSchema = z
  .object({
    /** Names and text: similarity (percent) from which an unsure OCR difference counts as the value printed. */
    foundPercent: whole(50, 100),
    /** Similarity (percent) from which a different reading counts as where the value should be. */
    nearPercent: whole(10, 100),
    /** OCR confidence (0–100) the differing words need before the field is sent to review. */
    minOcrConfidence: whole(0, 100),
    /** A value (3+ characters) not found on a page read confidently is sent to review. */
    flagMissing: z.boolean(),
  })
  .refine((s) => s.nearPercent <= s.foundPercent, {
    path: ["nearPercent"],
    message: "Must not be above the similarity for names and text (the “found” one)",
  });
export type MatchSettingsInput = z.infer<typeof matchSettingsSchema>;

export function toMatchSettings(input: MatchSettingsInput): MatchSettings {
  return {
    foundScore: input.foundPercent / 100,
    nearScore: input.nearPercent / 100,
    minOcrConfidence: input.minOcrConfidence,
    flagMissing: input.flagMissing,
  };
}

/** The environment's thresholds (SECOND_READER_FOUND_PERCENT, …): what applies until an admin saves others. */
export function envMatchSettings(env: Env): MatchSettingsInput {
  return {
    foundPercent: env.SECOND_READER_FOUND_PERCENT,
    nearPercent: env.SECOND_READER_NEAR_PERCENT,
    minOcrConfidence: env.SECOND_READER_MIN_OCR_CONFIDENCE,
    flagMissing: env.SECOND_READER_FLAG_MISSING,
  };
}
