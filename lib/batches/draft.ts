/**
 * The form's saved draft (localStorage): the text, the label, the product type AND the
 * idempotency key. After a reload, submitting the same content again sends the same key, so
 * the server answers "already recorded" instead of recording a second batch. Changing the
 * content after a submit started gives a new key: it is a different batch.
 */
export type SavedDraft = {
  clientKey: string;
  text?: string;
  /** Set when the text was too large for the browser's storage (bytes, for the message). */
  textOmittedBytes?: number;
  label?: string;
  productType?: string;
  /** Hash of what was submitted with `clientKey`; absent until a submit starts. */
  submittedHash?: string;
};

/** Browsers keep about 5 M characters per site; a 5,000-row list can be larger. */
const MAX_SAVED_TEXT_CHARS = 2_000_000;

export function loadDraft(storage: Storage, key: string): SavedDraft | null {
  try {
    const raw = storage.getItem(key);
    if (!raw) return null;
    const draft = JSON.parse(raw) as SavedDraft;
    return typeof draft.clientKey === "string" ? draft : null;
  } catch {
    return null;
  }
}

export function saveDraft(storage: Storage, key: string, draft: SavedDraft): void {
  const tooLarge = (draft.text?.length ?? 0) > MAX_SAVED_TEXT_CHARS;
  const stored = tooLarge ? { ...draft, text: undefined, textOmittedBytes: draft.text!.length } : draft;
  try {
    storage.setItem(key, JSON.stringify(stored));
  } catch {
    // Storage full or disabled: keep at least the key, so a second submit is still recognised.
    try {
      storage.setItem(
        key,
        JSON.stringify({ ...stored, text: undefined, textOmittedBytes: draft.text?.length }),
      );
    } catch {
      // nothing more to do: the form still works, only without a draft
    }
  }
}

export function clearDraft(storage: Storage, key: string): void {
  try {
    storage.removeItem(key);
  } catch {
    // storage disabled
  }
}

/** cyrb53: a fast 53-bit string hash (not for security): "is this the content submitted before?" */
export function hashContent(...parts: string[]): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (const part of parts) {
    for (let i = 0; i < part.length; i++) {
      const ch = part.charCodeAt(i);
      h1 = Math.imul(h1 ^ ch, 2654435761);
      h2 = Math.imul(h2 ^ ch, 1597334677);
    }
    h1 = Math.imul(h1 ^ 0x1f, 2654435761);
    h2 = Math.imul(h2 ^ 0x1f, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

/** The key to submit with: the saved one, unless the content changed since it was submitted. */
export function keyForSubmit(
  draft: Pick<SavedDraft, "clientKey" | "submittedHash">,
  contentHash: string,
  newKey: () => string,
): string {
  return draft.submittedHash && draft.submittedHash !== contentHash ? newKey() : draft.clientKey;
}
