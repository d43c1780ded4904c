/**
 * The embedded simulator's settings (demo mode only), declared apart from lib/env.ts only to keep
 * that file readable: lib/env.ts spreads `simEnvShape` into its schema and stays the one reader of
 * the environment. No server imports: next.config.ts loads lib/env.ts, and this file with it.
 */
import { z } from "zod";
import { blankToUndefined as blank } from "./env-shapes";

export const simEnvShape = {
  SIM_LATENCY_MS: z.preprocess(
    blank,
    z
      .string()
      .regex(/^(instant|\d+(-\d+)?)$/, {
        message: 'must be "instant", a number of milliseconds, or a range such as 2000-6000',
      })
      .default("1500-4000"),
  ),
  /**
   * Demo mode: lasting simulator behaviours by name (atlas-sim/profiles.ts), comma-separated.
   * Only the form is checked here (next.config.ts loads this file on its own); the simulator
   * refuses an unknown name with the list of known ones.
   */
  SIM_PROFILE: z.preprocess(
    blank,
    z
      .string()
      .regex(/^\s*[a-z0-9-]+(\s*,\s*[a-z0-9-]+)*\s*$/, {
        message: "must be simulator profile names separated by commas, e.g. short-pages,nan",
      })
      .optional(),
  ),
};
