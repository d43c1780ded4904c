"use client";

import { createContext, useContext, useMemo } from "react";
import { createFormatter, DEFAULT_TIME_ZONE, type Formatter } from "@/lib/format";

const TimeZoneContext = createContext(DEFAULT_TIME_ZONE);

/**
 * Hands client components the display time zone the server read (DISPLAY_TIME_ZONE), so a time
 * renders the same text on the server and in the browser, whatever the browser's own zone.
 */
export function FormatProvider({ timeZone, children }: { timeZone: string; children: React.ReactNode }) {
  return <TimeZoneContext.Provider value={timeZone}>{children}</TimeZoneContext.Provider>;
}

/** lib/format's formatter in the display time zone. */
export function useFormatter(): Formatter {
  const timeZone = useContext(TimeZoneContext);
  return useMemo(() => createFormatter(timeZone), [timeZone]);
}
