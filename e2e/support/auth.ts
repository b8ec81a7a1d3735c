// Signing up and in through the real pages. Each test makes its own user, so tests never share state.
import { randomUUID } from "node:crypto";
import { expect, type Page } from "@playwright/test";

export const PASSWORD = "correct horse battery";

/** Seeded by e2e/support/start-server.mjs with a year of demo data; tests only read this one. */
export const VIEWER = { email: "viewer@e2e.test", password: "mingus-demo" };
/** Also seeded; tests that change preferences use this one. */
export const EDITOR = { email: "editor@e2e.test", password: "mingus-demo" };
/** In ADMIN_EMAILS of the e2e servers (e2e/support/start-server.mjs); made by the first test that needs it. */
export const ADMIN = { email: "admin@e2e.test", password: PASSWORD };

export function uniqueEmail(prefix = "person"): string {
  return `${prefix}-${randomUUID().slice(0, 8)}@e2e.test`;
}

/** `timeout`: how long the account's creation may take (password hashing is slow on a busy machine). */
export async function signUp(
  page: Page,
  { email = uniqueEmail(), name = "Test Person", timeout }: { email?: string; name?: string; timeout?: number } = {},
) {
  await page.goto("/sign-up");
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/accounts$/, { timeout });
  return { email, name };
}

export async function signIn(page: Page, { email, password = PASSWORD }: { email: string; password?: string }) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

export async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
}

/** The form's own message (Next.js keeps a second, empty role=alert element for route announcements). */
export function formAlert(page: Page) {
  return page.getByRole("main").getByRole("alert");
}

/** Signs up as the admin, or signs in when an earlier test already made the account. */
export async function signInAsAdmin(page: Page) {
  await page.goto("/sign-up");
  await page.getByLabel("Name").fill("Admin");
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await Promise.race([
    page.waitForURL(/\/accounts$/),
    formAlert(page)
      .getByText(/couldn't create/)
      .waitFor(),
  ]);
  if (!page.url().endsWith("/accounts")) {
    await signIn(page, ADMIN);
    await expect(page).toHaveURL(/\/accounts$/);
  }
}
