/**
 * Control characters (C0, DEL, C1): never part of a name, label, id or search people mean, and
 * PostgreSQL refuses NUL in any text it is given ("invalid byte sequence for encoding UTF8:
 * 0x00"). Pure, client-safe.
 */
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/;
const CONTROL_ALL = new RegExp(CONTROL.source, "g");

/** True when `text` holds a control character (tab and line breaks included). */
export function hasControlCharacters(text: string): boolean {
  return CONTROL.test(text);
}

/** `text` with every control character taken out (tab and line breaks included). */
export function withoutControlCharacters(text: string): string {
  return text.replace(CONTROL_ALL, "");
}
