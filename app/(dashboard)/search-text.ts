import { createParser } from "nuqs/server";
import { withoutControlCharacters } from "@/lib/text/control";

/**
 * A text filter or search from the URL (a document type, a product, a search box), without
 * control characters: `?type=%00` reads as no filter instead of failing the page with a 500.
 */
export const parseAsText = createParser({
  parse: (value: string) => {
    const text = withoutControlCharacters(value);
    return text === "" ? null : text;
  },
  serialize: (value: string) => value,
});
