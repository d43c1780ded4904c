import { createParser } from "nuqs/server";

// Control characters (C0, DEL, C1): no filter or search holds one, and PostgreSQL refuses NUL
// in any text it is given ("invalid byte sequence for encoding UTF8: 0x00").
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/g;

/**
 * A text filter or search from the URL (a document type, a product, a search box), without
 * control characters: `?type=%00` reads as no filter instead of failing the page with a 500.
 */
export const parseAsText = createParser({
  parse: (value: string) => {
    const text = value.replace(CONTROL, "");
    return text === "" ? null : text;
  },
  serialize: (value: string) => value,
});
