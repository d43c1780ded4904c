/**
 * Reading Atlas bodies as JSON, tolerantly (pure). Standard JSON first (fast); when that fails,
 * JSON5, which also reads the non-standard tokens a Python backend's default encoder writes
 * (`NaN`, `Infinity`, `-Infinity`) without touching strings that contain those words. Those
 * numbers are read as missing values (null): a score of NaN is no score.
 */
import JSON5 from "json5";

const finiteOrNull = (_key: string, value: unknown) =>
  typeof value === "number" && !Number.isFinite(value) ? null : value;

/** Throws (like JSON.parse) when the text is not JSON even by JSON5's rules. */
export function parseAtlasJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (strictError) {
    try {
      return JSON5.parse(text, finiteOrNull);
    } catch {
      throw strictError;
    }
  }
}
