import { boolean, index, integer, pgTable, real, text, unique, uuid } from "drizzle-orm/pg-core";
import { createdAt, jsonb, timestamptz } from "./columns";
import { documents, fields } from "./documents";
import { users } from "./users";

/** A reproducible random sample: the same seed and params draw the same documents. */
export const qaSamples = pgTable("qa_samples", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name"),
  createdBy: uuid("created_by")
    .notNull()
    .references(() => users.id),
  seed: text("seed").notNull(),
  /** N or X%, stratification, "only documents that skipped review", blind mode. */
  params: jsonb("params").notNull(),
  createdAt: createdAt(),
});

export const qaSampleItems = pgTable(
  "qa_sample_items",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    sampleId: uuid("sample_id")
      .notNull()
      .references(() => qaSamples.id, { onDelete: "cascade" }),
    documentId: uuid("document_id")
      .notNull()
      .references(() => documents.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    completedAt: timestamptz("completed_at"),
  },
  (t) => [
    unique("qa_sample_items_sample_document_unique").on(t.sampleId, t.documentId),
    index("qa_sample_items_document_idx").on(t.documentId),
  ],
);

/**
 * A checker's verdict on one field. Confidence, type and path are copied at check time so the
 * metrics (accuracy, calibration, what-if) stay stable if the document is re-synced.
 */
export const qaVerdicts = pgTable(
  "qa_verdicts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    sampleItemId: uuid("sample_item_id")
      .notNull()
      .references(() => qaSampleItems.id, { onDelete: "cascade" }),
    fieldId: uuid("field_id")
      .notNull()
      .references(() => fields.id, { onDelete: "cascade" }),
    correct: boolean("correct").notNull(),
    rightValue: jsonb("right_value"),
    confidence: real("confidence"),
    documentType: text("document_type"),
    fieldPath: text("field_path").notNull(),
    checkedBy: uuid("checked_by")
      .notNull()
      .references(() => users.id),
    checkedAt: timestamptz("checked_at").defaultNow().notNull(),
  },
  (t) => [
    unique("qa_verdicts_item_field_unique").on(t.sampleItemId, t.fieldId),
    index("qa_verdicts_type_path_idx").on(t.documentType, t.fieldPath),
  ],
);
