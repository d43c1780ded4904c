import { z } from "zod";
import { blankToUndefined } from "../env-shapes";
import { DEFAULT_TIME_ZONE, isTimeZone } from ".";

/** DISPLAY_TIME_ZONE (lib/env.ts): the IANA time zone every page, export and the audit trail show times in. */
export const displayTimeZoneSetting = z.preprocess(
  blankToUndefined,
  z
    .string()
    .refine(isTimeZone, { message: "must be an IANA time zone such as Asia/Kolkata or UTC" })
    .default(DEFAULT_TIME_ZONE),
);
