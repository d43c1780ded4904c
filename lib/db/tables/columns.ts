import { customType, timestamp } from "drizzle-orm/pg-core";
import { maskAadhaarInText } from "../../masking";

/** `timestamp with time zone`, read and written as a JS `Date`. */
export const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

export const createdAt = () => timestamptz("created_at").defaultNow().notNull();

/** Drizzle sets it on every update it issues; raw SQL updates must set it themselves. */
export const updatedAt = () =>
  timestamptz("updated_at")
    .defaultNow()
    .notNull()
    .$onUpdate(() => new Date());

/**
 * `jsonb`, read back exactly as stored. Drizzle's own `jsonb` runs `JSON.parse` again on any
 * string the driver hands it, but both drivers (pg, PGlite) have already parsed the column, so a
 * stored JSON string that looks like JSON changes type on the way out: the account number
 * `"12345678901234567890"` came back as the number 12345678901234567000, `"000123"`-like values
 * survived only by luck, `"true"` became a boolean and `"null"` null. Writing is unchanged.
 */
export const jsonb = customType<{ data: unknown; driverData: unknown }>({
  dataType: () => "jsonb",
  toDriver: (value) => JSON.stringify(value),
  fromDriver: (value) => value,
});

/**
 * `text` for free text that comes from outside or from people (Atlas's error messages, sync
 * errors, batch labels, reasons): every Aadhaar-like number or VID in it is masked on the way in
 * and again on the way out, so pages, JSON answers and exports that show it (and rows written
 * by raw SQL or before this column masked) never show one in full.
 */
export const maskedText = customType<{ data: string; driverData: string }>({
  dataType: () => "text",
  toDriver: (value) => maskAadhaarInText(value),
  fromDriver: (value) => maskAadhaarInText(value),
});
