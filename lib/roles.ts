/**
 * Roles and what each may do. Client-safe (no server imports): the UI uses it to show or hide
 * controls, and the server guards use the same table to refuse requests.
 */
export const ROLES = ["admin", "reviewer", "qa"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABEL: Record<Role, string> = {
  admin: "Admin",
  reviewer: "Reviewer",
  qa: "QA",
};

export const ROLE_DESCRIPTION: Record<Role, string> = {
  admin: "Users, settings, starting batches and applications, and everything reviewers and QA do",
  reviewer: "Loan officer: reviews, corrects and approves extracted documents",
  qa: "Spot-checks extraction quality and reads the accuracy metrics",
};

/**
 * Where each role lands after signing in (and from the "Atlas Review" home link): the page of
 * their own work. Reviewers go to their queue and QA to its samples; admins keep the batches.
 */
export const ROLE_HOME: Record<Role, string> = {
  admin: "/batches",
  reviewer: "/review",
  qa: "/qa",
};

/** Everything a signed-in person might be allowed to do. */
export const PERMISSIONS = {
  "batches:view": ["admin", "reviewer", "qa"],
  "batches:create": ["admin"],
  "documents:view": ["admin", "reviewer", "qa"],
  "documents:review": ["admin", "reviewer"],
  "documents:reveal-pii": ["admin", "reviewer"],
  /** The full scan of an Aadhaar card (audited): QA checks extractions against it like reviewers. */
  "documents:reveal-scan": ["admin", "reviewer", "qa"],
  "applications:view": ["admin", "reviewer"],
  "applications:create": ["admin"],
  "qa:use": ["admin", "qa"],
  "settings:manage": ["admin"],
  "users:manage": ["admin"],
  "audit:view": ["admin"],
  /** One's own account: change one's password (which ends every session of it). */
  "account:manage": ["admin", "reviewer", "qa"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role | undefined | null, permission: Permission): boolean {
  return !!role && (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}
