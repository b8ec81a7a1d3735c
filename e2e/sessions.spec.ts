// Sessions that end (issue 16, item 5): sign-out ends the session on the server, and Settings →
// Security lists each browser signed in, signs out one of them or all of them.
import { type Browser, expect, type Page, test } from "@playwright/test";
import { signIn, signUp } from "./support/auth";

const IPHONE =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1";

/** A second browser (an iPhone, as far as the server can tell) signed in to the same account. */
async function secondBrowser(browser: Browser, baseURL: string, email: string): Promise<Page> {
  const context = await browser.newContext({ baseURL, userAgent: IPHONE });
  const page = await context.newPage();
  await signIn(page, { email });
  await expect(page).toHaveURL(/\/accounts$/);
  return page;
}

async function expectSignedOut(page: Page) {
  await page.goto("/accounts");
  await expect(page).toHaveURL(/\/sign-in/);
  await expect(page.getByRole("heading", { name: "Sign in", exact: true })).toBeVisible();
}

const sessions = (page: Page) => page.getByRole("list", { name: "Sessions" }).getByRole("listitem");

test("a saved cookie stops working once its session signs out", async ({ page, context, browser, baseURL }) => {
  await signUp(page);
  const saved = await context.cookies();
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/sign-in/);

  // The audit's replay: the cookie from before sign-out, in a fresh browser.
  const replay = await browser.newContext({ baseURL });
  await replay.addCookies(saved);
  const replayed = await replay.newPage();
  // A route handler reads the same session: 401, where a live session would get 404 for this id.
  const api = await replayed.request.get("/api/connections/00000000-0000-4000-8000-000000000000/sync");
  expect(api.status()).toBe(401);
  await replayed.goto("/accounts");
  await expect(replayed).toHaveURL(/\/sign-in\?ended=1$/);
  await expect(replayed.getByRole("status").filter({ hasText: "Your session was ended" })).toBeVisible();
  // The dead cookie is cleared, so the sign-in page stays put instead of bouncing.
  expect((await replay.cookies()).some((cookie) => cookie.name.includes("session-token"))).toBe(false);
  await replay.close();
});

test("Settings → Security lists each browser and signs out another one", async ({ page, browser, baseURL }) => {
  const { email } = await signUp(page);
  const phone = await secondBrowser(browser, baseURL ?? "", email);

  await page.goto("/settings");
  await page.getByRole("link", { name: "Security: email address, password and where you are signed in" }).click();
  await expect(page.getByRole("heading", { name: "Security", level: 1 })).toBeVisible();
  await expect(sessions(page)).toHaveCount(2);
  const here = sessions(page).filter({ hasText: "This browser" });
  await expect(here).toContainText(/Chrome on \w+/);
  await expect(here).toContainText("Local network · 127.0.0.1");
  const there = sessions(page).filter({ hasText: "Safari on iPhone" });
  await expect(there).toContainText("last seen just now");

  await there.getByRole("button", { name: /^Sign out Safari on iPhone/ }).click();
  await expect(sessions(page)).toHaveCount(1);
  await expectSignedOut(phone);
  // This browser is still signed in.
  await page.reload();
  await expect(page.getByRole("heading", { name: "Security", level: 1 })).toBeVisible();
  await phone.context().close();
});

test("Sign out other sessions keeps this one; Sign out everywhere ends them all", async ({
  page,
  browser,
  baseURL,
}) => {
  const { email } = await signUp(page);
  const first = await secondBrowser(browser, baseURL ?? "", email);
  const second = await secondBrowser(browser, baseURL ?? "", email);

  await page.goto("/settings/security");
  await expect(sessions(page)).toHaveCount(3);
  await page.getByRole("button", { name: "Sign out other sessions" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Signed out of 2 other sessions." })).toBeVisible();
  await expect(sessions(page)).toHaveCount(1);
  await expectSignedOut(first);
  await expectSignedOut(second);

  const third = await secondBrowser(browser, baseURL ?? "", email);
  await page.reload();
  await expect(sessions(page)).toHaveCount(2);
  await page.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(page).toHaveURL(/\/sign-in\?ended=1$/);
  await expectSignedOut(page);
  await expectSignedOut(third);
  for (const other of [first, second, third]) await other.context().close();
});
