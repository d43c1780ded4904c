import { fieldsOf, KNOWN_DOCUMENT_TYPES } from "@/lib/fields/registry";

/**
 * The document types a reviewer can reclassify a failed document to, and the field keys each
 * carries in display order: the field registry's (lib/fields/registry.ts, from
 * ../shared/atlas-api.md §3.5 and the simulator's keys where Atlas publishes none). Client-safe.
 */
export const RECLASSIFY_TYPES: readonly string[] = [...KNOWN_DOCUMENT_TYPES].sort();

/** The field keys a document of this type carries, in display order; undefined for an unknown type. */
export function fieldKeysOf(documentType: string): readonly string[] | undefined {
  if (!KNOWN_DOCUMENT_TYPES.includes(documentType)) return undefined;
  return fieldsOf(documentType).map((f) => f.path);
}
