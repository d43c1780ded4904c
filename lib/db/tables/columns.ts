import { timestamp } from "drizzle-orm/pg-core";

/** `timestamp with time zone`, read and written as a JS `Date`. */
export const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

export const createdAt = () => timestamptz("created_at").defaultNow().notNull();

/** Drizzle sets it on every update it issues; raw SQL updates must set it themselves. */
export const updatedAt = () =>
  timestamptz("updated_at")
    .defaultNow()
    .notNull()
    .$onUpdate(() => new Date());
