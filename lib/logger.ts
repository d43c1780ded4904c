import { getEnv } from "@/lib/env";
import { redactForLog } from "@/lib/masking";

/**
 * Structured one-line JSON logs. Every payload passes through `redactForLog`, so Aadhaar numbers,
 * passwords, tokens and secrets never reach the log even when an error object carries them.
 */
const LEVELS = { debug: 10, info: 20, warn: 30, error: 40 } as const;
type Level = keyof typeof LEVELS;

function serialise(value: unknown): unknown {
  if (value instanceof Error) {
    return {
      name: value.name,
      message: value.message,
      stack: value.stack?.split("\n").slice(0, 6).join("\n"),
    };
  }
  return value;
}

function write(level: Level, event: string, fields?: Record<string, unknown>) {
  let threshold: Level = "info";
  try {
    threshold = getEnv().LOG_LEVEL;
  } catch {
    // a broken environment is reported elsewhere; keep logging
  }
  if (LEVELS[level] < LEVELS[threshold]) return;
  const payload: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields ?? {})) payload[key] = serialise(value);
  const line = JSON.stringify({
    at: new Date().toISOString(),
    level,
    event,
    ...(redactForLog(payload) as object),
  });
  (level === "error" ? console.error : level === "warn" ? console.warn : console.log)(line);
}

export const logger = {
  debug: (event: string, fields?: Record<string, unknown>) => write("debug", event, fields),
  info: (event: string, fields?: Record<string, unknown>) => write("info", event, fields),
  warn: (event: string, fields?: Record<string, unknown>) => write("warn", event, fields),
  error: (event: string, fields?: Record<string, unknown>) => write("error", event, fields),
};
