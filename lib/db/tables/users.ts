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
    /**
     * Embedded in every session token at sign-in; bumping it (sign-out, password, role or active
     * change) ends every session of the user at once (lib/auth/current-user.ts compares them).
     */
    sessionVersion: integer("session_version").notNull().default(0),
  },
  (t) => [check("users_email_lower_case", sql`${t.email} = lower(${t.email})`)],
);

/**
 * Sign-in attempts per key ("account:<email>" or "ip:<address>"), shared by every app instance.
 * Every attempt is counted BEFORE its password is checked (a success gives its count back), so
 * parallel guesses cannot outrun the limit. A row is a fixed window: `failures` counts from
 * `window_started_at`; reaching the limit sets `locked_until`. `last_admitted` says whether the
 * attempt that last wrote the row found the key unlocked (returned by the same atomic upsert).
 */
export const loginAttempts = pgTable("login_attempts", {
  key: text("key").primaryKey(),
  failures: integer("failures").notNull().default(0),
  windowStartedAt: timestamptz("window_started_at").notNull(),
  lockedUntil: timestamptz("locked_until"),
  lastAdmitted: boolean("last_admitted").notNull().default(true),
  updatedAt: updatedAt(),
});
