/**
 * A field path's own key, lower-cased: the last segment that is not an array index or Atlas's
 * `value` wrapper (`applicants[0].aadhaar_number.value` → `aadhaar_number`). Pure, client-safe.
 */
export function fieldKey(path: string): string {
  const segments = path.split(/[.[\]]+/).filter((s) => s !== "" && s !== "value" && !/^\d+$/.test(s));
  return (segments.at(-1) ?? "").toLowerCase();
}
