// Email addresses (issue 16, items 3 and 6): sign-up mails a link confirming the address, email alerts
// wait for it, and moving the account to a new address needs the current password and the link mailed
// there. Mail is caught by the e2e server's loopback SMTP server.
import { expect, test } from "@playwright/test";
import { confirmEmail, mailedLink, PASSWORD, signIn, signOut, signUp, submitSignUp, uniqueEmail } from "./support/auth";

test("a person who has not confirmed yet signs in, asks for a new link and confirms from Settings", async ({
  page,
}) => {
  const { email } = await signUp(page);
  const first = await mailedLink(page, { email, subject: "Confirm your email address for Mingus" });
  await page.goto("/settings/security");
  const panel = page.getByRole("region", { name: "Email address" });
  await expect(panel.getByText("Not confirmed")).toBeVisible();
  await expect(panel.getByText("Email alerts wait until you open the link")).toBeVisible();

  await panel.getByRole("button", { name: "Send the confirmation link again" }).click();
  await expect(panel.getByRole("status").filter({ hasText: `We sent a new link to ${email}.` })).toBeVisible();
  await expect
    .poll(async () => mailedLink(page, { email, subject: "Confirm your email address for Mingus" }))
    .not.toBe(first);

  // The older link was retired by the new one.
  await page.goto(first);
  await expect(page.getByRole("alert").filter({ hasText: "This confirmation link has expired" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Confirm my address" })).toHaveCount(0);

  // Opening the link confirms nothing (mail scanners open links); its button does.
  await page.goto(await mailedLink(page, { email, subject: "Confirm your email address for Mingus" }));
  await expect(page.getByText(`Confirm that ${email} is the address of your Mingus account.`)).toBeVisible();
  await page.goto("/settings/security");
  await expect(panel.getByText("Not confirmed")).toBeVisible();
  await page.goto(await mailedLink(page, { email, subject: "Confirm your email address for Mingus" }));
  await page.getByRole("button", { name: "Confirm my address" }).click();
  await expect(page).toHaveURL(/\/settings\/security\?email=verified$/);
  await expect(page.getByText("Your email address is confirmed.")).toBeVisible();
  await expect(panel.getByText("Confirmed", { exact: true })).toBeVisible();
  await expect(panel.getByRole("button", { name: "Send the confirmation link again" })).toHaveCount(0);
});

test("moving to a new address needs the current password and the link mailed there", async ({ page }) => {
  const { email } = await signUp(page);
  const newEmail = uniqueEmail("moved");
  await page.goto("/settings/security");
  const panel = page.getByRole("region", { name: "Email address" });

  await panel.getByLabel("New email address").fill(newEmail);
  await panel.getByLabel("Current password").fill("not my password");
  await panel.getByRole("button", { name: "Change email address" }).click();
  await expect(panel.getByText("Your current password is not right.")).toBeVisible();

  // React empties a form its action answered.
  await panel.getByLabel("New email address").fill(newEmail);
  await panel.getByLabel("Current password").fill(PASSWORD);
  await panel.getByRole("button", { name: "Change email address" }).click();
  await expect(panel.getByRole("status").filter({ hasText: `Open the link we sent to ${newEmail}` })).toBeVisible();
  await page.reload();
  await expect(panel.getByText(`Waiting for you to open the link sent to ${newEmail}.`)).toBeVisible();
  // Nothing changes until the link is opened.
  await expect(page.getByRole("banner").getByText(email)).toBeVisible();

  await page.goto(await mailedLink(page, { email: newEmail, subject: "Confirm your new email address for Mingus" }));
  await expect(page.getByText(`to ${newEmail}.`, { exact: false })).toBeVisible();
  await page.getByRole("button", { name: "Use the new address" }).click();
  await expect(page).toHaveURL(/\/settings\/security\?email=changed$/);
  await expect(page.getByText("Your account now uses its new email address.")).toBeVisible();
  await expect(page.getByRole("banner").getByText(newEmail)).toBeVisible();
  // The old address is told, and signs in no more.
  expect(await mailedLink(page, { email, subject: "Your Mingus email address was changed" })).toBe("/sign-in");

  await signOut(page);
  await signIn(page, { email });
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("Incorrect email or password.");
  await signIn(page, { email: newEmail });
  await expect(page).toHaveURL(/\/accounts$/);
});

// The audit: whoever first signed up with an ADMIN_EMAILS address was admin at once, without proving it.
test("an ADMIN_EMAILS address is admin only once it is confirmed", async ({ page, browser, baseURL }) => {
  // A second listed address of the e2e servers, used only here.
  const email = "second-admin@e2e.test";
  await submitSignUp(page, { email });
  await signIn(page, { email });
  await expect(page).toHaveURL(/\/accounts$/);
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Admin" })).toHaveCount(0);
  await page.goto("/admin");
  await expect(page.getByRole("heading", { name: "Admin" })).toHaveCount(0);

  const other = await (await browser.newContext({ baseURL })).newPage();
  await other.goto("/sign-in");
  await confirmEmail(other, email);
  await other.close();
  // The role follows at once, in the session already open.
  await page.reload();
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Admin" })).toBeVisible();
});
