import { z } from "zod";

const EXTENSION = /^[a-z0-9]{1,10}$/;

/**
 * The include filter as typed ("jpg, .PNG  pdf") → ["jpg", "png", "pdf"], or the message saying
 * what is wrong with it.
 */
export function parseExtensions(text: string): { extensions: string[] } | { error: string } {
  const parts = text
    .split(/[\s,;]+/)
    .map((p) =>
      p
        .trim()
        .replace(/^\*?\./, "")
        .toLowerCase(),
    )
    .filter(Boolean);
  const bad = parts.find((p) => !EXTENSION.test(p));
  if (bad !== undefined)
    return { error: `"${bad}" is not a file extension — list extensions such as jpg, png, pdf` };
  if (parts.length === 0) return { error: "List at least one file extension, such as jpg, png, pdf" };
  return { extensions: [...new Set(parts)] };
}

/** An optional include filter, as typed in the form, read into extensions (a clear message if not). */
export function extensionsSchema() {
  return z
    .string()
    .max(500)
    .optional()
    .transform((text, ctx) => {
      if (text === undefined || text.trim() === "") return undefined;
      const read = parseExtensions(text);
      if ("error" in read) {
        ctx.addIssue({ code: "custom", message: read.error });
        return z.NEVER;
      }
      return read.extensions;
    });
}
