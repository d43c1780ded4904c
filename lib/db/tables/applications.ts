import { bigint, index, integer, pgTable, real, text, unique, uuid } from "drizzle-orm/pg-core";
import { createdAt, jsonb, maskedText, timestamptz, updatedAt } from "./columns";
import { users } from "./users";

/**
 * A loan application: our record of one Atlas flow (Atlas's Flow API). The SQL names keep the
 * table's first name (`flows`, `flow_id`, `flow_callbacks`); the code says application. Statuses
 * are Atlas's strings, kept verbatim.
 */
export const applications = pgTable(
  "flows",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** The loan application number people type and see (Atlas's `application_id`). */
    applicationNumber: text("application_id").notNull().unique(),
    productType: text("product_type").notNull(),
    flowParams: jsonb("flow_params"),
    /** Atlas's id for the flow, known once `flow/init` answers. */
    flowUuid: text("flow_uuid").unique(),
    /** Hash of the per-application secret embedded in our `auth_url`; the secret is never stored. */
    authSecretHash: text("auth_secret_hash").notNull(),
    uploadStatus: text("upload_status"),
    processingStatus: text("processing_status"),
    /** Atlas's spelling. */
    crossheckStatus: text("crossheck_status"),
    masterStatus: text("master_status"),
    lastStatusAt: timestamptz("last_status_at"),
    callbackReceivedAt: timestamptz("callback_received_at"),
    lastError: maskedText("last_error"),
    /** Polling fallback: a lease so that only one app instance polls an application at a time. */
    leaseOwner: text("lease_owner"),
    leaseUntil: timestamptz("lease_until"),
    nextPollAt: timestamptz("next_poll_at"),
    /** Status polls in a row that saw a master_status the dashboard does not know (bounded). */
    unknownStatusPolls: integer("unknown_status_polls").notNull().default(0),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("flows_created_at_idx").on(t.createdAt.desc())],
);

/** Raw callbacks as received, for audit; the idempotency key makes a replay a no-op. */
export const applicationCallbacks = pgTable(
  "flow_callbacks",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    applicationId: uuid("flow_id")
      .notNull()
      .references(() => applications.id, { onDelete: "cascade" }),
    idempotencyKey: text("idempotency_key").notNull(),
    payload: jsonb("payload").notNull(),
    receivedAt: timestamptz("received_at").defaultNow().notNull(),
  },
  (t) => [unique("flow_callbacks_flow_key_unique").on(t.applicationId, t.idempotencyKey)],
);

/**
 * One cross-document comparison reported by Atlas. Document ids are Atlas's `document_id`s;
 * they resolve to our rows through the unique (flow_id, document_id) on `documents`.
 */
export const crossChecks = pgTable(
  "cross_checks",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    applicationId: uuid("flow_id")
      .notNull()
      .references(() => applications.id, { onDelete: "cascade" }),
    fieldName: text("field_name").notNull(),
    sourceDocumentId: text("source_document_id").notNull(),
    sourceDocumentType: text("source_document_type"),
    sourceValue: jsonb("source_value"),
    targetDocumentId: text("target_document_id").notNull(),
    targetDocumentType: text("target_document_type"),
    targetValue: jsonb("target_value"),
    /** On Atlas's 0–100 scale (a 0–1 answer is converted; see lib/atlas/flow-normalise.ts). */
    similarityScore: real("similarity_score"),
    /** The item as Atlas sent it, for items whose keys the dashboard does not know. */
    raw: jsonb("raw"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique("cross_checks_comparison_unique").on(
      t.applicationId,
      t.fieldName,
      t.sourceDocumentId,
      t.targetDocumentId,
    ),
  ],
);
