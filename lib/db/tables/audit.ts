import { bigint, index, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { jsonb, timestamptz } from "./columns";
import { users } from "./users";

/**
 * Append-only: a trigger (migration `audit_append_only`) refuses UPDATE, DELETE and TRUNCATE.
 * `actor_email` is copied at write time so the trail reads the same after a user is renamed;
 * the foreign key has no ON DELETE action because that action would itself be an UPDATE.
 */
export const auditEvents = pgTable(
  "audit_events",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    at: timestamptz("at").defaultNow().notNull(),
    actorUserId: uuid("actor_user_id").references(() => users.id),
    actorEmail: text("actor_email"),
    action: text("action").notNull(),
    targetType: text("target_type"),
    targetId: text("target_id"),
    before: jsonb("before"),
    after: jsonb("after"),
    ip: text("ip"),
    metadata: jsonb("metadata"),
  },
  (t) => [
    index("audit_events_at_idx").on(t.at.desc()),
    index("audit_events_actor_at_idx").on(t.actorUserId, t.at.desc()),
    index("audit_events_action_at_idx").on(t.action, t.at.desc()),
    index("audit_events_target_idx").on(t.targetType, t.targetId),
  ],
);
