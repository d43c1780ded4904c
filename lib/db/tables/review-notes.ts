import { index, pgTable, primaryKey, uuid } from "drizzle-orm/pg-core";
import { createdAt, maskedText, timestamptz } from "./columns";
import { documents, fields } from "./documents";
import { users } from "./users";

/**
 * Comments on a document (`field_id` null) or on one of its fields: who, when, what. The text is
 * masked (Aadhaar/VID) on the way in and out. Append-only in the code; each is also audited.
 */
export const reviewComments = pgTable(
  "review_comments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    documentId: uuid("document_id")
      .notNull()
      .references(() => documents.id, { onDelete: "cascade" }),
    fieldId: uuid("field_id").references(() => fields.id, { onDelete: "cascade" }),
    authorId: uuid("author_id")
      .notNull()
      .references(() => users.id),
    body: maskedText("body").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("review_comments_document_idx").on(t.documentId, t.createdAt)],
);

/**
 * "Skip for now": a reviewer's skipped documents go to the back of their own queue, oldest skip
 * first (lib/review/queue.ts orders by `skipped_at`). Others' queues are unaffected.
 */
export const reviewSkips = pgTable(
  "review_skips",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    documentId: uuid("document_id")
      .notNull()
      .references(() => documents.id, { onDelete: "cascade" }),
    skippedAt: timestamptz("skipped_at").defaultNow().notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.documentId] })],
);
