/**
 * The zod pieces every part of the environment schema is written with (lib/env.ts and the parts
 * it spreads in: lib/env-s3.ts, lib/env-sim.ts, lib/second-reader/settings.ts). Reads nothing.
 */
import { z } from "zod";

/** A variable set to "" (or spaces) counts as unset, so its default applies. */
export const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

/** A whole number in [min, max], from the variable's text. */
export const int = (min: number, max: number) =>
  z.coerce
    .number({ message: "must be a whole number" })
    .int({ message: "must be a whole number" })
    .min(min, { message: `must be at least ${min}` })
    .max(max, { message: `must be at most ${max}` });
