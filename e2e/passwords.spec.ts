// Passwords (issue 16, item 6): changing one ends the other sessions; "Forgot your password?" mails a
// single-use link through the e2e server's loopback SMTP server and says the same for unknown addresses.
import { expect, type Page, test } from "@playwright/test";
import { formAlert, PASSWORD, signIn, signUp, uniqueEmail } from "./support/auth";
import { mailFor } from "./support/mailbox";

const NEW_PASSWORD = "violet tractor umbrella 42";
const SAME_ANSWER =
  "If an account uses that address, we have emailed it a link to choose a new password. The link works for 30 minutes.";

async function askForReset(page: Page, email: string) {
  await page.goto("/sign-in");
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await expect(page.getByRole("heading", { name: "Forgot your password?" })).toBeVisible();
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Email me a link" }).click();
  await expect(page.getByRole("status").filter({ hasText: SAME_ANSWER })).toBeVisible();
}

test("changing the password needs the current one and signs out every other browser", async ({
  page,
  browser,
  baseURL,
}) => {
  const { email } = await signUp(page);
  const other = await browser.newContext({ baseURL });
  const elsewhere = await other.newPage();
  await signIn(elsewhere, { email });
  await expect(elsewhere).toHaveURL(/\/accounts$/);

  await page.goto("/settings/security");
  // The email panel asks for the current password too.
  const panel = page.getByRole("region", { name: "Change password" });
  await panel.getByLabel("Current password").fill("not my password");
  await page.getByLabel("New password").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("Your current password is not right.")).toBeVisible();

  await panel.getByLabel("Current password").fill(PASSWORD);
  await page.getByLabel("New password").fill("1234567890");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("This password is too easy to guess.", { exact: false })).toBeVisible();

  await panel.getByLabel("Current password").fill(PASSWORD);
  await page.getByLabel("New password").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Password changed." })).toBeVisible();

  // The other browser is out; this one stays in.
  await elsewhere.goto("/accounts");
  await expect(elsewhere).toHaveURL(/\/sign-in\?ended=1$/);
  await page.goto("/accounts");
  await expect(page).toHaveURL(/\/accounts$/);
  // The old password no longer works; the new one does.
  await signIn(elsewhere, { email });
  await expect(formAlert(elsewhere)).toHaveText("Incorrect email or password.");
  await signIn(elsewhere, { email, password: NEW_PASSWORD });
  await expect(elsewhere).toHaveURL(/\/accounts$/);
  await other.close();
});

test("a forgotten password is reset through a mailed link that works once", async ({ page, baseURL }) => {
  const { email } = await signUp(page);
  await page.context().clearCookies();
  await askForReset(page, email);

  // The sign-up's confirmation came first.
  const resets = async () =>
    (await mailFor(baseURL ?? "", email)).filter((mail) => mail.subject === "Reset your Mingus password");
  await expect.poll(async () => (await resets()).length, { timeout: 15_000 }).toBe(1);
  const [mail] = await resets();
  const link = /https?:\/\/\S+\/reset-password\?token=[A-Za-z0-9_-]+/.exec(mail?.text ?? "")?.[0];
  expect(link).toBeTruthy();
  const path = new URL(link ?? "").pathname + new URL(link ?? "").search;

  await page.goto(path);
  await expect(page.getByRole("heading", { name: "Choose a new password" })).toBeVisible();
  await expect(page.getByText(`For ${email}.`)).toBeVisible();
  await page.getByLabel("New password").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page).toHaveURL(/\/sign-in\?reset=1$/);
  await expect(page.getByRole("status").filter({ hasText: "Your password was changed" })).toBeVisible();
  await signIn(page, { email, password: NEW_PASSWORD });
  await expect(page).toHaveURL(/\/accounts$/);

  // The link works once.
  await page.context().clearCookies();
  await page.goto(path);
  await expect(
    page.getByRole("alert").filter({ hasText: "This reset link has expired or was already used." }),
  ).toBeVisible();
});

test("an address with no account gets the same answer and no mail", async ({ page, baseURL }) => {
  const email = uniqueEmail("nobody");
  await askForReset(page, email);
  // Give a mail that should not come the time one that should took.
  await page.waitForTimeout(1500);
  expect(await mailFor(baseURL ?? "", email)).toEqual([]);
});
