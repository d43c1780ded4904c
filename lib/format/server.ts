import "server-only";
import { getEnv } from "@/lib/env";
import { createFormatter, type Formatter } from ".";

/** The formatter in the configured display time zone (DISPLAY_TIME_ZONE), for server code. */
export function serverFormatter(): Formatter {
  return createFormatter(getEnv().DISPLAY_TIME_ZONE);
}
