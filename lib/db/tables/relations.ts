import { relations } from "drizzle-orm";
import { auditEvents } from "./audit";
import { atlasUploads, batches } from "./batches";
import { documents, fields } from "./documents";
import { crossChecks, applicationCallbacks, applications } from "./applications";
import { qaSampleItems, qaSamples, qaVerdicts } from "./qa";
import { users } from "./users";

// For `db.query.*` (relational queries). Reviewer/lock columns are left to explicit joins.

export const usersRelations = relations(users, ({ many }) => ({
  batches: many(batches),
  auditEvents: many(auditEvents),
}));

export const batchesRelations = relations(batches, ({ one, many }) => ({
  creator: one(users, { fields: [batches.createdBy], references: [users.id] }),
  uploads: many(atlasUploads),
  documents: many(documents),
}));

export const atlasUploadsRelations = relations(atlasUploads, ({ one, many }) => ({
  batch: one(batches, { fields: [atlasUploads.batchId], references: [batches.id] }),
  application: one(applications, { fields: [atlasUploads.applicationId], references: [applications.id] }),
  documents: many(documents),
}));

export const documentsRelations = relations(documents, ({ one, many }) => ({
  batch: one(batches, { fields: [documents.batchId], references: [batches.id] }),
  application: one(applications, { fields: [documents.applicationId], references: [applications.id] }),
  upload: one(atlasUploads, { fields: [documents.uploadId], references: [atlasUploads.id] }),
  fields: many(fields),
}));

export const fieldsRelations = relations(fields, ({ one }) => ({
  document: one(documents, { fields: [fields.documentId], references: [documents.id] }),
}));

export const auditEventsRelations = relations(auditEvents, ({ one }) => ({
  actor: one(users, { fields: [auditEvents.actorUserId], references: [users.id] }),
}));

export const applicationsRelations = relations(applications, ({ many }) => ({
  documents: many(documents),
  uploads: many(atlasUploads),
  callbacks: many(applicationCallbacks),
  crossChecks: many(crossChecks),
}));

export const applicationCallbacksRelations = relations(applicationCallbacks, ({ one }) => ({
  application: one(applications, {
    fields: [applicationCallbacks.applicationId],
    references: [applications.id],
  }),
}));

export const crossChecksRelations = relations(crossChecks, ({ one }) => ({
  application: one(applications, { fields: [crossChecks.applicationId], references: [applications.id] }),
}));

export const qaSamplesRelations = relations(qaSamples, ({ many }) => ({
  items: many(qaSampleItems),
}));

export const qaSampleItemsRelations = relations(qaSampleItems, ({ one, many }) => ({
  sample: one(qaSamples, { fields: [qaSampleItems.sampleId], references: [qaSamples.id] }),
  document: one(documents, { fields: [qaSampleItems.documentId], references: [documents.id] }),
  verdicts: many(qaVerdicts),
}));

export const qaVerdictsRelations = relations(qaVerdicts, ({ one }) => ({
  item: one(qaSampleItems, { fields: [qaVerdicts.sampleItemId], references: [qaSampleItems.id] }),
  field: one(fields, { fields: [qaVerdicts.fieldId], references: [fields.id] }),
}));
