import { DEMO, expect, signIn, signInAs, test, unique } from "./support";

const NAV = ["Batches", "Review", "Applications", "QA", "Admin"] as const;
const ALLOWED: Record<keyof typeof DEMO, readonly (typeof NAV)[number][]> = {
  admin: NAV,
  reviewer: ["Batches", "Review", "Applications"],
  qa: ["Batches", "QA"],
};
const FORBIDDEN_PAGE: Record<keyof typeof DEMO, string | null> = {
  admin: null,
  reviewer: "/admin/users",
  qa: "/review",
};

test("signed-out visitors are sent to the sign-in page, which lists the demo accounts", async ({ page }) => {
  await page.goto("/batches");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fbatches/);
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Demo accounts" })).toBeVisible();
  for (const account of Object.values(DEMO)) await expect(page.getByText(account.email)).toBeVisible();
});

for (const role of Object.keys(DEMO) as (keyof typeof DEMO)[]) {
  test(`the ${role} demo account sees what its role allows and nothing else`, async ({ page }) => {
    await signInAs(page, role);
    const nav = page.getByRole("navigation", { name: "Main" });
    for (const item of NAV) {
      const link = nav.getByRole("link", { name: item, exact: true });
      if (ALLOWED[role].includes(item)) await expect(link).toBeVisible();
      else await expect(link).toHaveCount(0);
    }
    const forbidden = FORBIDDEN_PAGE[role];
    if (forbidden) {
      const res = await page.goto(forbidden);
      expect(res?.status()).toBe(403);
      await expect(page.getByRole("heading", { name: "Not available to your role" })).toBeVisible();
    } else {
      await page.goto("/admin/users");
      await expect(page.getByRole("heading", { name: "Users", level: 1 })).toBeVisible();
    }
  });
}

test("wrong credentials get one generic message; repeated failures are rate-limited", async ({ page }) => {
  const email = `${unique("nobody")}@example.com`;
  await signIn(page, email, "wrong-password");
  await expect(page.getByTestId("sign-in-error")).toHaveText("Email or password is incorrect.");
  // The email survives a failed attempt; the password is cleared.
  await expect(page.getByLabel("Email")).toHaveValue(email);
  await expect(page.getByLabel("Password")).toHaveValue("");
  for (let i = 0; i < 4; i++) {
    await page.getByLabel("Password").fill(`wrong-${i}`);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.getByLabel("Password")).toHaveValue("");
  }
  await expect(page.getByTestId("sign-in-error")).toHaveText(
    /Too many failed sign-ins\. Try again in \d+ seconds\./,
  );
});

test("an admin creates a user who signs in; once deactivated, their next request is refused", async ({
  browser,
}) => {
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signInAs(admin, "admin");
  await admin.goto("/admin/users");
  const email = `${unique("officer")}@bank.example`;
  const password = "initial-password-42";
  const form = admin.getByRole("form", { name: "Create a user" });
  await form.getByLabel("Name").fill("Meera Officer");
  await form.getByLabel("Email").fill(email);
  await form.getByLabel("Role").selectOption("reviewer");
  await form.getByLabel("Initial password").fill("short");
  await form.getByRole("button", { name: "Create user" }).click();
  await expect(form.getByText("Use at least 10 characters.")).toBeVisible();
  await form.getByLabel("Initial password").fill(password);
  await form.getByRole("button", { name: "Create user" }).click();
  const row = admin.getByTestId(`user-row-${email}`);
  await expect(row).toBeVisible();

  const userContext = await browser.newContext();
  const user = await userContext.newPage();
  await signIn(user, email, password);
  await expect(user.getByTestId("current-user")).toContainText("Meera Officer");
  await expect(
    user.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Review" }),
  ).toBeVisible();

  await row.getByRole("button", { name: `Deactivate ${email}` }).click();
  await expect(row).toContainText("Deactivated");

  await user.goto("/batches");
  await expect(user).toHaveURL(/\/sign-in/);

  await admin.goto("/admin/audit?action=user.deactivate");
  await expect(admin.getByRole("cell", { name: email }).first()).toBeVisible();
  await adminContext.close();
  await userContext.close();
});
