/**
 * Fields Atlas derives rather than reads off the page, so they are not looked for on the scan by
 * the second reader (lib/second-reader/match.ts): `document_type` (the classification),
 * `document_quality_flag` (original / xerox_copy / photo_of_photo: a judgement of the image, not
 * printed text) and `formatted_address` (Atlas's normalised parts of the printed address);
 * atlas-api.md §3.2. Pure and client-safe.
 */
const DERIVED_KEYS = new Set(["document_type", "document_quality_flag", "formatted_address"]);

/** False for a field whose value is Atlas's own judgement or normalisation, not text on the page. */
export function isPrintedField(path: string): boolean {
  const key = path.split(/[.[]/)[0]!.toLowerCase();
  return !DERIVED_KEYS.has(key);
}
