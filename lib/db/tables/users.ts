import { sql } from "drizzle-orm";
import { boolean, check, integer, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { createdAt, timestamptz, updatedAt } from "./columns";
import { userRole } from "./enums";

/** Users are deactivated, never deleted: audit rows and reviews keep pointing at them. */
export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    email: text("email").notNull().unique(),
    name: text("name").notNull(),
    role: userRole("role").notNull(),
    passwordHash: text("password_hash").notNull(),
    active: boolean("active").notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    lastSignInAt: timestamptz("last_sign_in_at"),
  },
  (t) => [check("users_email_lower_case", sql`${t.email} = lower(${t.email})`)],
);

/**
 * Failed sign-ins per key ("account:<email>" or "ip:<address>"), shared by every app instance.
 * A row is a fixed window: `failures` counts from `window_started_at`; reaching the limit sets
 * `locked_until`.
 */
export const loginAttempts = pgTable("login_attempts", {
  key: text("key").primaryKey(),
  failures: integer("failures").notNull().default(0),
  windowStartedAt: timestamptz("window_started_at").notNull(),
  lockedUntil: timestamptz("locked_until"),
  updatedAt: updatedAt(),
});
