import type { Role } from "@/lib/roles";

/**
 * Demo mode only (no real Atlas configured, or DEMO_ACCOUNTS=true): one account per role, created
 * on first start and listed on the sign-in page. Never created when a real Atlas is configured
 * unless DEMO_ACCOUNTS=true is set explicitly.
 */
export const DEMO_ACCOUNTS: { email: string; password: string; name: string; role: Role }[] = [
  { email: "admin@demo.atlas-review.local", password: "demo-admin-2026", name: "Asha Admin", role: "admin" },
  {
    email: "reviewer@demo.atlas-review.local",
    password: "demo-reviewer-2026",
    name: "Ravi Reviewer",
    role: "reviewer",
  },
  { email: "qa@demo.atlas-review.local", password: "demo-qa-2026", name: "Quinn QA", role: "qa" },
];
