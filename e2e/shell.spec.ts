import { expect, signInAs, test } from "./support";

test("health endpoint reports the app version", async ({ request }) => {
  const res = await request.get("/api/health");
  expect(res.ok()).toBe(true);
  const body = await res.json();
  expect(body.version).toMatch(/^\d+\.\d+\.\d+/);
  expect(body.database).toMatchObject({ driver: "embedded", reachable: true });
  // In demo mode "Atlas" is the embedded simulator, which must answer.
  expect(body.atlas).toMatchObject({ reachable: true });
  expect(body.mode).toBe("demo");
});

test("the shell shows the product, the navigation and a theme switch", async ({ page }) => {
  await signInAs(page, "admin");
  await page.goto("/batches");
  await expect(page.getByRole("link", { name: "Atlas Review" })).toBeVisible();
  const nav = page.getByRole("navigation", { name: "Main" });
  for (const item of ["Batches", "Review", "Applications", "QA", "Admin"]) {
    await expect(nav.getByRole("link", { name: item })).toBeVisible();
  }
  await expect(page.getByRole("heading", { level: 1, name: "Batches" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Batches" })).toHaveAttribute("aria-current", "page");

  await page.getByRole("button", { name: /theme: switch to/ }).click();
  await expect(page.locator("html")).toHaveClass(/light|dark/);
});

test("an unknown address shows a helpful 404 page", async ({ page }) => {
  await signInAs(page, "admin");
  const res = await page.goto("/no-such-page");
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await page.getByRole("link", { name: "Back to the dashboard" }).click();
  await expect(page).toHaveURL(/\/batches$/);
});
