import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, real, text, uuid } from "drizzle-orm/pg-core";
import { createdAt, jsonb, maskedText, timestamptz, updatedAt } from "./columns";
import { documents } from "./documents";

/**
 * The second reader's work on one document (lib/second-reader): one row from the moment its OCR
 * job is queued. `pages` holds the words and lines with their boxes (lib/second-reader/types.ts
 * OcrPage[]), Aadhaar numbers masked. The job itself lives in pg-boss's own schema.
 */
export const secondReads = pgTable(
  "second_reads",
  {
    documentId: uuid("document_id")
      .primaryKey()
      .references(() => documents.id, { onDelete: "cascade" }),
    status: text("status").notNull().default("queued"),
    pages: jsonb("pages"),
    pageCount: integer("page_count"),
    wordCount: integer("word_count"),
    meanConfidence: real("mean_confidence"),
    /** Time spent in OCR (rasterising included), milliseconds. */
    ocrMs: integer("ocr_ms"),
    attempts: integer("attempts").notNull().default(0),
    error: maskedText("error"),
    readAt: timestamptz("read_at"),
    /**
     * The thresholds (lib/second-reader/match.ts MatchSettings) the fields' evidence was last
     * matched with; a read whose value differs from those in force is being checked again.
     */
    matchedWith: jsonb("matched_with"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("second_reads_status_idx").on(t.status),
    check("second_reads_status_known", sql`${t.status} in ('queued', 'done', 'failed')`),
  ],
);
