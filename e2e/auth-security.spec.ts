import type { Browser, Page } from "@playwright/test";
import { DEMO, expect, signIn, signInAs, test, unique } from "./support";

/**
 * Against the built app (`next start`): a copied session cookie stops working once its user
 * signs out; a client's forged X-Forwarded-For is neither trusted nor written to the audit trail
 * (TRUSTED_PROXY_HOPS=0, the default); QA sees an Aadhaar scan only through the guarded file
 * route, hidden until an audited reveal, and no raw file link reaches the browser.
 */
test.describe.configure({ mode: "serial" });

const FORGED = "203.0.113.66";
const NO_SUCH_DOCUMENT = "/api/documents/00000000-0000-4000-8000-000000000000/file";

async function newSignedIn(browser: Browser, role: keyof typeof DEMO, headers?: Record<string, string>) {
  const context = await browser.newContext(headers ? { extraHTTPHeaders: headers } : {});
  const page = await context.newPage();
  await signInAs(page, role);
  return page;
}

async function auditRows(admin: Page, action: string) {
  await admin.goto(`/admin/audit?action=${encodeURIComponent(action)}`);
  return admin.locator("tbody tr");
}

test("a copied session cookie stops working once its user signs out, on pages and route handlers", async ({
  browser,
}) => {
  const original = await newSignedIn(browser, "reviewer");
  const copy = await (await browser.newContext()).newPage();
  await copy.context().addCookies(await original.context().cookies());
  await copy.goto("/batches");
  await expect(copy.getByTestId("current-user")).toContainText(DEMO.reviewer.name);
  // Signed in, the guarded route answers "no such document", not "sign in".
  expect((await copy.request.get(NO_SUCH_DOCUMENT)).status()).toBe(404);

  await original.getByRole("button", { name: "Sign out" }).click();
  await expect(original).toHaveURL(/\/sign-in/);

  await copy.goto("/batches");
  await expect(copy).toHaveURL(/\/sign-in/);
  expect((await copy.request.get(NO_SUCH_DOCUMENT)).status()).toBe(401);
});

test("after an admin resets a password, the user's open session ends at once", async ({ browser }) => {
  const admin = await newSignedIn(browser, "admin");
  await admin.goto("/admin/users");
  const email = `${unique("reset")}@bank.example`;
  const form = admin.getByRole("form", { name: "Create a user" });
  await form.getByLabel("Name").fill("Reset Officer");
  await form.getByLabel("Email").fill(email);
  await form.getByLabel("Role").selectOption("reviewer");
  await form.getByLabel("Initial password").fill("initial-password-42");
  await form.getByRole("button", { name: "Create user" }).click();
  const row = admin.getByTestId(`user-row-${email}`);
  await expect(row).toBeVisible();

  const user = await (await browser.newContext()).newPage();
  await signIn(user, email, "initial-password-42");
  await expect(user.getByTestId("current-user")).toContainText("Reset Officer");

  await row.getByRole("button", { name: "Reset password" }).click();
  await row.getByLabel(`New password for ${email}`).fill("a-brand-new-password-7");
  await row.getByRole("button", { name: "Save" }).click();
  await expect(row.getByRole("button", { name: "Reset password" })).toBeVisible();

  await user.goto("/batches");
  await expect(user).toHaveURL(/\/sign-in/);
  expect((await user.request.get(NO_SUCH_DOCUMENT)).status()).toBe(401);
  await signIn(user, email, "a-brand-new-password-7");
  await expect(user.getByTestId("current-user")).toContainText("Reset Officer");
});

test("a user who changes their own password is signed out everywhere, and signs in with the new one", async ({
  browser,
}) => {
  const admin = await newSignedIn(browser, "admin");
  await admin.goto("/admin/users");
  const email = `${unique("change")}@bank.example`;
  const form = admin.getByRole("form", { name: "Create a user" });
  await form.getByLabel("Name").fill("Change Officer");
  await form.getByLabel("Email").fill(email);
  await form.getByLabel("Role").selectOption("qa");
  await form.getByLabel("Initial password").fill("initial-password-42");
  await form.getByRole("button", { name: "Create user" }).click();
  await expect(admin.getByTestId(`user-row-${email}`)).toBeVisible();

  const laptop = await (await browser.newContext()).newPage();
  await signIn(laptop, email, "initial-password-42");
  await expect(laptop.getByTestId("current-user")).toContainText("Change Officer");
  const phone = await (await browser.newContext()).newPage();
  await signIn(phone, email, "initial-password-42");
  await expect(phone.getByTestId("current-user")).toContainText("Change Officer");

  await laptop.getByTestId("current-user").click();
  await expect(laptop).toHaveURL(/\/account$/);
  const change = laptop.getByRole("form", { name: "Change password" });
  await change.getByLabel("Current password").fill("not-the-password");
  await change.getByLabel("New password").fill("a-changed-password-9");
  await change.getByRole("button", { name: "Change password" }).click();
  await expect(change.getByRole("alert")).toContainText("The current password is not right.");
  await change.getByLabel("Current password").fill("initial-password-42");
  await change.getByRole("button", { name: "Change password" }).click();
  await expect(laptop).toHaveURL(/\/sign-in/);

  await phone.goto("/qa");
  await expect(phone).toHaveURL(/\/sign-in/);
  expect((await phone.request.get(NO_SUCH_DOCUMENT)).status()).toBe(401);
  await signIn(laptop, email, "a-changed-password-9");
  await expect(laptop.getByTestId("current-user")).toContainText("Change Officer");
});

test("a forged X-Forwarded-For is not the address that is limited or audited", async ({ browser }) => {
  await newSignedIn(browser, "qa", {
    "X-Forwarded-For": FORGED,
    "X-Real-IP": FORGED,
    "X-Atlas-Peer": `x ${FORGED}`,
  });
  const admin = await newSignedIn(browser, "admin");
  const rows = await auditRows(admin, "auth.sign_in");
  const qaRow = rows.filter({ hasText: DEMO.qa.email }).first();
  await expect(qaRow).toBeVisible();
  const address = (await qaRow.locator("td").last().textContent())?.trim();
  expect(address).toMatch(/^(127\.0\.0\.1|::1)$/);
  await expect(admin.getByText(FORGED)).toHaveCount(0);
});

test("QA sees an Aadhaar scan only through the audited gate, never by its raw link", async ({ browser }) => {
  test.setTimeout(180_000);
  const label = unique("e2e-scan-gate");
  const admin = await newSignedIn(browser, "admin");
  await admin.goto("/batches/new");
  await admin.getByLabel(/^Label/).fill(label);
  await admin.getByRole("button", { name: /Fill in the \d+ sample documents/ }).click();
  const textarea = admin.getByLabel("URLs or CSV rows");
  const samples = (await textarea.inputValue()).split("\n");
  const aadhaarUrl = samples.find((u) => /\/aadhaar[^/]*\.svg/.test(u))!;
  const panUrl = samples.find((u) => /\/pan[^/]*\.svg/.test(u))!;
  await textarea.fill([`${label}-aadhaar,${aadhaarUrl}`, `${label}-pan,${panUrl}`].join("\n"));
  await admin.getByRole("button", { name: "Submit 2 rows" }).click();
  await expect(admin).toHaveURL(/\/batches\/[0-9a-f-]{36}$/);
  await expect(admin.getByRole("region", { name: "Progress" }).getByTestId("batch-status")).toHaveText(
    /Complete|Partly failed/,
    { timeout: 90_000 },
  );

  const qa = await newSignedIn(browser, "qa");
  await qa.goto("/qa");
  const form = qa.getByRole("form", { name: "New sample" });
  await form.getByLabel("Documents to sample").fill("2");
  const batchSelect = form.getByLabel("From batch");
  const value = await batchSelect.locator("option", { hasText: label }).getAttribute("value");
  await batchSelect.selectOption(value!);
  await form.getByRole("button", { name: "Draw sample" }).click();
  await expect(qa).toHaveURL(/\/qa\/samples\/[0-9a-f-]{36}$/);
  await qa.getByRole("link", { name: "Start checking" }).click();

  for (let i = 0; i < 2; i++) {
    await expect(qa.getByRole("heading", { level: 1, name: /^Check / })).toBeVisible();
    // The raw pre-signed link is nowhere in what the browser received.
    const html = await qa.content();
    expect(html).not.toContain(aadhaarUrl);
    expect(html).not.toContain(panUrl);
    const heading = (await qa.getByRole("heading", { level: 1 }).textContent()) ?? "";
    if (heading.includes(`${label}-aadhaar`)) {
      // By default Atlas's masked copy (the number printed XXXX XXXX 1234), unaudited.
      await expect(qa.getByTestId("scan-masked")).toContainText("Masked copy from Atlas");
      const scan = qa.getByRole("img", { name: `Scan of ${label}-aadhaar` });
      await expect(scan).toBeVisible();
      const src = (await scan.getAttribute("src"))!;
      const data = src.replace(/^data:[^,]*,/, "");
      const masked = /^data:[^,]*;base64,/.test(src)
        ? Buffer.from(data, "base64").toString("utf8")
        : decodeURIComponent(data);
      expect(masked).toMatch(/XXXX XXXX \d{4}/);
      expect(masked).not.toMatch(/\b\d{4} \d{4} \d{4}\b/);
      await qa.getByRole("button", { name: "Show the full scan" }).click();
      await expect(qa.getByTestId("scan-masked")).toHaveCount(0);
      await expect(scan).toBeVisible();
    } else {
      await expect(qa.getByRole("img", { name: `Scan of ${label}-pan` })).toBeVisible();
    }
    if (i === 0) {
      const before = qa.url();
      await qa.keyboard.press("n");
      await expect(qa).not.toHaveURL(before);
    }
  }

  const reveals = await auditRows(admin, "pii.reveal");
  await expect(reveals.filter({ hasText: DEMO.qa.email }).first()).toBeVisible();
});
