// Signing up and in through the real pages. Each test makes its own user, so tests never share state.
import { randomUUID } from "node:crypto";
import { expect, type Page } from "@playwright/test";
import { mailFor } from "./mailbox";

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

/**
 * Signs up through the form, which ends in "Check your email" (it answers so for a registered address
 * too). Sends the form only; `signUp` also confirms and signs in.
 */
export async function submitSignUp(
  page: Page,
  {
    email,
    name = "Test Person",
    password = PASSWORD,
    timeout,
  }: { email: string; name?: string; password?: string; timeout?: number },
) {
  await page.goto("/sign-up");
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible({ timeout });
}

/** The link of the newest mail to `email` whose subject is `subject`, waiting for it to arrive. */
export async function mailedLink(page: Page, { email, subject }: { email: string; subject: string }): Promise<string> {
  const origin = new URL(page.url()).origin;
  let link: string | undefined;
  await expect
    .poll(
      async () => {
        const mail = (await mailFor(origin, email)).filter((message) => message.subject === subject).at(-1);
        link = /https?:\/\/\S+/.exec(mail?.text ?? "")?.[0];
        return link;
      },
      { timeout: 15_000, message: `a mail "${subject}" to ${email}` },
    )
    .toBeTruthy();
  const url = new URL(link as string);
  return `${url.pathname}${url.search}`;
}

/** Opens the link that confirms `email` (the newest one mailed there) and presses its button. */
export async function confirmEmail(page: Page, email: string) {
  await page.goto(await mailedLink(page, { email, subject: "Confirm your email address for Mingus" }));
  await page.getByRole("button", { name: "Confirm my address" }).click();
  await expect(page.getByText("Your email address is confirmed.")).toBeVisible();
}

/**
 * A new person, signed in: the sign-up form, then the sign-in form. With `confirm`, the confirmation
 * link from the mailbox in between: only what waits for a confirmed address (email alerts, the audit
 * trail's "confirmed" event) needs it, and it costs a page and a mailbox poll. `timeout`: how long the
 * account's creation may take (password hashing is slow on a busy machine).
 */
export async function signUp(
  page: Page,
  {
    email = uniqueEmail(),
    name = "Test Person",
    timeout,
    confirm = false,
  }: { email?: string; name?: string; timeout?: number; confirm?: boolean } = {},
) {
  await submitSignUp(page, { email, name, timeout });
  if (confirm) await confirmEmail(page, email);
  await signIn(page, { email });
  await expect(page).toHaveURL(/\/accounts$/, { timeout });
  return { email, name };
}

export async function signIn(page: Page, { email, password = PASSWORD }: { email: string; password?: string }) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

export async function signOut(page: Page) {
  // The header's: Settings → Security has "Sign out" buttons of its own.
  await page.getByRole("banner").getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/sign-in/);
}

/** The form's own message (Next.js keeps a second, empty role=alert element for route announcements). */
export function formAlert(page: Page) {
  return page.getByRole("main").getByRole("alert");
}

/**
 * Signs in as the admin (ADMIN_EMAILS lists the address): the first test to ask makes the account and
 * confirms its address, which is what makes it admin; later ones find the account there (sign-up answers
 * the same) and confirmed.
 */
export async function signInAsAdmin(page: Page) {
  await submitSignUp(page, { email: ADMIN.email, name: "Admin", password: ADMIN.password });
  // The account's first sign-up mailed the link; a later one finds it used (and the address confirmed).
  await page.goto(await mailedLink(page, { email: ADMIN.email, subject: "Confirm your email address for Mingus" }));
  const confirm = page.getByRole("button", { name: "Confirm my address" });
  if (await confirm.isVisible()) {
    await confirm.click();
    await expect(page.getByText("Your email address is confirmed.")).toBeVisible();
  }
  await signIn(page, ADMIN);
  await expect(page).toHaveURL(/\/accounts$/);
}
