import { sql } from "drizzle-orm";
import { check, pgTable, real, text, unique, uuid } from "drizzle-orm/pg-core";
import { jsonb, updatedAt } from "./columns";
import { thresholdScope } from "./enums";
import { users } from "./users";

/** Admin settings as JSON values under a key; each change is audited by `setSetting`. */
export const settings = pgTable("settings", {
  key: text("key").primaryKey(),
  value: jsonb("value").notNull(),
  updatedBy: uuid("updated_by").references(() => users.id),
  updatedAt: updatedAt(),
});

/**
 * Confidence thresholds live in their own table rather than in `settings`: the review queue
 * and the QA what-if join against them per document type and field, which a JSON blob cannot
 * index. Most specific wins: field (with or without a type) > document type > global.
 * The global default falls back to 0.85 in code when no row exists.
 */
export const thresholds = pgTable(
  "thresholds",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    scope: thresholdScope("scope").notNull(),
    documentType: text("document_type"),
    fieldPath: text("field_path"),
    threshold: real("threshold").notNull(),
    updatedBy: uuid("updated_by").references(() => users.id),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique("thresholds_scope_unique").on(t.scope, t.documentType, t.fieldPath).nullsNotDistinct(),
    check("thresholds_range", sql`${t.threshold} >= 0 and ${t.threshold} <= 1`),
    check(
      "thresholds_scope_shape",
      sql`(${t.scope} = 'global' and ${t.documentType} is null and ${t.fieldPath} is null)
        or (${t.scope} = 'document_type' and ${t.documentType} is not null and ${t.fieldPath} is null)
        or (${t.scope} = 'field' and ${t.fieldPath} is not null)`,
    ),
  ],
);
