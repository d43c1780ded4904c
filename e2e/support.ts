import { expect, type Page } from "@playwright/test";

export const DEMO = {
  admin: { email: "admin@demo.atlas-review.local", password: "demo-admin-2026", name: "Asha Admin" },
  reviewer: {
    email: "reviewer@demo.atlas-review.local",
    password: "demo-reviewer-2026",
    name: "Ravi Reviewer",
  },
  qa: { email: "qa@demo.atlas-review.local", password: "demo-qa-2026", name: "Quinn QA" },
} as const;

export async function signIn(page: Page, email: string, password: string) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

export async function signInAs(page: Page, role: keyof typeof DEMO) {
  await signIn(page, DEMO[role].email, DEMO[role].password);
  await expect(page.getByTestId("current-user")).toContainText(DEMO[role].name);
}

/** A unique suffix so specs can create their own data without clashing on re-runs. */
export function unique(prefix: string) {
  return `${prefix}-${Date.now().toString(36)}-${Math.floor(Math.random() * 1e6).toString(36)}`;
}
