/**
 * The one Drizzle schema (PGlite and PostgreSQL alike). Tables live in `./tables/*` by area;
 * drizzle-kit reads this file, so every table must be re-exported here.
 * Migrations: `npm run db:generate`, commit `drizzle/`; they apply when the app opens the database.
 */
import { auditEvents } from "./tables/audit";
import { atlasUploads, batches } from "./tables/batches";
import { documents, fields } from "./tables/documents";
import { crossChecks, applicationCallbacks, applications } from "./tables/applications";
import { qaSampleItems, qaSamples, qaVerdicts } from "./tables/qa";
import { reviewComments } from "./tables/review-notes";
import { settings, thresholds } from "./tables/settings";
import { loginAttempts, users } from "./tables/users";

export * from "./tables/enums";
export * from "./tables/users";
export * from "./tables/applications";
export * from "./tables/batches";
export * from "./tables/documents";
export * from "./tables/document-counts";
export * from "./tables/audit";
export * from "./tables/settings";
export * from "./tables/qa";
export * from "./tables/review-notes";
export * from "./tables/second-reads";
export * from "./tables/relations";

export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;
export type LoginAttempt = typeof loginAttempts.$inferSelect;
export type Batch = typeof batches.$inferSelect;
export type NewBatch = typeof batches.$inferInsert;
export type AtlasUpload = typeof atlasUploads.$inferSelect;
export type NewAtlasUpload = typeof atlasUploads.$inferInsert;
export type Document = typeof documents.$inferSelect;
export type NewDocument = typeof documents.$inferInsert;
export type Field = typeof fields.$inferSelect;
export type NewField = typeof fields.$inferInsert;
export type AuditEvent = typeof auditEvents.$inferSelect;
export type NewAuditEvent = typeof auditEvents.$inferInsert;
export type Setting = typeof settings.$inferSelect;
export type Threshold = typeof thresholds.$inferSelect;
export type NewThreshold = typeof thresholds.$inferInsert;
export type Application = typeof applications.$inferSelect;
export type NewApplication = typeof applications.$inferInsert;
export type ApplicationCallback = typeof applicationCallbacks.$inferSelect;
export type CrossCheck = typeof crossChecks.$inferSelect;
export type QaSample = typeof qaSamples.$inferSelect;
export type QaSampleItem = typeof qaSampleItems.$inferSelect;
export type QaVerdict = typeof qaVerdicts.$inferSelect;
export type ReviewComment = typeof reviewComments.$inferSelect;
