import { expect, test } from "@playwright/test";
import { signUp } from "./support/auth";

test("the health endpoint reports the backend, up-to-date migrations and the live worker", async ({
  request,
}, testInfo) => {
  // One worker: the embedded server's own, or the `npm run worker` process started beside the PostgreSQL
  // server (degraded until its first beat).
  await expect
    .poll(async () => (await (await request.get("/api/health")).json()).status, { timeout: 30_000 })
    .toBe("ok");
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({
    status: "ok",
    database: testInfo.project.name,
    migrations: "up-to-date",
    workers: { alive: 1 },
  });
});

test("pages load with navigation, their own font and no console errors", async ({ page }) => {
  const errors: string[] = [];
  page.on("console", (message) => message.type() === "error" && errors.push(message.text()));
  page.on("pageerror", (error) => errors.push(error.message));

  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(page).toHaveTitle("Sign in · Mingus");
  await expect(page.getByRole("heading", { level: 1, name: "Every bank account in one place." })).toBeVisible();
  await signUp(page);
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Accounts" })).toHaveAttribute("aria-current", "page");
  // Inter is served from the app itself (next/font/local), never fetched from a font CDN.
  const interLoaded = await page.evaluate(async () => {
    await document.fonts.ready;
    return [...document.fonts].some((font) => font.family.replace(/["']/g, "") === "inter" && font.status === "loaded");
  });
  expect(interLoaded).toBe(true);
  expect(errors).toEqual([]);
});

test("the status page shows the database and its migrations", async ({ page }, testInfo) => {
  await signUp(page);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Status" }).click();
  await expect(page).toHaveURL(/\/status$/);
  await expect(page.getByRole("heading", { name: "System status" })).toBeVisible();
  await expect(page.getByText("Operational")).toBeVisible();
  const backend = testInfo.project.name === "embedded" ? "Embedded PostgreSQL (PGlite)" : "PostgreSQL";
  await expect(page.getByText(backend, { exact: true })).toBeVisible();
  await expect(page.getByText(/^\d+ applied, 0 pending$/)).toBeVisible();
});

test("a keyboard user can skip to the content", async ({ page }) => {
  await page.goto("/");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/#main$/);
});

test("an unknown address shows the not-found page with a 404", async ({ page }) => {
  await signUp(page);
  const response = await page.goto("/no/such/page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await page.getByRole("link", { name: "Back to your accounts" }).click();
  await expect(page).toHaveURL(/\/accounts$/);
});

test("screenshots of the sign-in, accounts and status pages, light and dark", async ({ page }, testInfo) => {
  await page.goto("/sign-in");
  await page.screenshot({ path: testInfo.outputPath("sign-in.png"), fullPage: true });
  await signUp(page);
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    for (const [name, url] of [
      ["accounts", "/accounts"],
      ["status", "/status"],
    ]) {
      await page.goto(url as string);
      await page.screenshot({ path: testInfo.outputPath(`${name}-${colorScheme}.png`), fullPage: true });
    }
  }
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/accounts");
  await expect(page.getByRole("heading", { level: 1 })).toBeInViewport();
  await page.screenshot({ path: testInfo.outputPath("accounts-phone.png"), fullPage: true });
});
