/**
 * What one batch may hold. The form states these limits and the submit route enforces them, so
 * what the form promises is what works: BATCH_MAX_ROWS rows of pre-signed URLs that carry a
 * session token (about 1.5 KB each) plus a document id.
 */
export const BATCH_BYTES_PER_ROW = 2048;

/** The largest pasted text or file, in UTF-8 bytes: 5,000 rows → 10,240,000 bytes. */
export function maxBatchTextBytes(maxRows: number): number {
  return maxRows * BATCH_BYTES_PER_ROW;
}

/** "10.2 MB" */
export function formatMegabytes(bytes: number): string {
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

/** The size of text as it is sent (UTF-8), without encoding it: cheap for 10 MB. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}
