// Linking a bank through Link's stand-in and the local Plaid emulator, as a new person does: link First
// Platypus Bank and see its accounts, a wrong password, reconnecting after the bank resets the login,
// and unlinking. No page or server-action response ever carries an access token.
import { expect, type Page, test } from "@playwright/test";
import { signUp } from "./support/auth";
import {
  BANK_LOGIN_TIMEOUT,
  chooseAccounts,
  currentUserId,
  INVALID_CREDENTIALS,
  institutionsInLink,
  linkBank,
  linkDialog,
  listItems,
  openLink,
  PLATYPUS,
  pickInstitution,
  resetLogin,
  signInToBank,
} from "./support/plaid-link";

/** Every response body the browser receives (HTML, RSC payloads, server actions, the emulator's answers). */
function recordBodies(page: Page): string[] {
  const bodies: string[] = [];
  page.on("response", async (response) => {
    try {
      bodies.push(await response.text());
    } catch {
      // Redirects and aborted requests have no body.
    }
  });
  return bodies;
}

function expectNoAccessToken(bodies: string[]) {
  expect(bodies.length).toBeGreaterThan(10);
  const leaks = bodies.filter((body) => body.includes("access-sandbox-") || body.includes("access-production-"));
  expect(leaks).toEqual([]);
}

test("a new person links First Platypus Bank and sees its accounts with balances", async ({ page }) => {
  const bodies = recordBodies(page);
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  await signUp(page);
  await expect(page.getByRole("heading", { name: "No banks linked yet" })).toBeVisible();

  await openLink(page, "Link a bank");
  const link = linkDialog(page);
  await expect(link.getByRole("heading", { name: "Select your institution" })).toBeVisible();
  await pickInstitution(page, PLATYPUS);
  await signInToBank(page, { username: "user_good", password: "pass_good" });
  // Link's account selection: every account ticked, as Plaid's default is.
  await expect(link.getByRole("checkbox", { checked: true })).toHaveCount(9, { timeout: BANK_LOGIN_TIMEOUT });
  await chooseAccounts(page, PLATYPUS);
  await expect(link.getByRole("heading", { name: "Success" })).toBeVisible({ timeout: BANK_LOGIN_TIMEOUT });
  const linked = link.getByRole("list", { name: "Linked accounts" }).getByRole("listitem");
  await expect(linked).toHaveCount(9);
  await expect(linked.first()).toContainText(/Plaid \w+/);
  await page.screenshot({ path: test.info().outputPath("link-success.png") });
  await link.getByRole("button", { name: "Continue" }).click();

  const platypus = page.getByRole("region", { name: PLATYPUS });
  await expect(platypus).toBeVisible({ timeout: 15_000 });
  const rows = platypus.getByRole("listitem");
  await expect(rows).toHaveCount(9);
  for (const name of ["Plaid Checking", "Plaid Saving", "Plaid Credit Card", "Plaid Mortgage"]) {
    const row = rows.filter({ has: page.getByRole("link", { name }) });
    await expect(row.getByText(/^Current balance -?\$[\d,]+\.\d{2}$/)).toBeVisible();
  }
  await expect(page.getByRole("heading", { name: "No banks linked yet" })).toHaveCount(0);
  await expect(page.getByRole("region", { name: "Totals" })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath("linked-dashboard.png"), fullPage: true });

  // The same accounts a second time are refused before anything is created, with reconnecting offered.
  await openLink(page, "Link a bank");
  await pickInstitution(page, PLATYPUS);
  await signInToBank(page, { username: "user_good", password: "pass_good" });
  await chooseAccounts(page, PLATYPUS);
  await expect(link.getByRole("heading", { name: "Success" })).toBeVisible({ timeout: BANK_LOGIN_TIMEOUT });
  await link.getByRole("button", { name: "Continue" }).click();
  const alert = page.getByRole("main").getByRole("alert").filter({ hasText: "already linked" });
  await expect(alert).toContainText(`at ${PLATYPUS} is already linked`, { timeout: BANK_LOGIN_TIMEOUT });
  await expect(alert.getByRole("button", { name: `Reconnect ${PLATYPUS} instead` })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("region", { name: PLATYPUS })).toHaveCount(1);

  expectNoAccessToken(bodies);
  expect(errors).toEqual([]);
});

test("a wrong password shows Plaid's error, and the person can try again or leave", async ({ page }) => {
  await signUp(page);
  await openLink(page, "Link a bank");
  await pickInstitution(page, PLATYPUS);
  await signInToBank(page, { username: "user_good", password: "not-the-password" });
  const link = linkDialog(page);
  await expect(link.getByRole("alert")).toHaveText(INVALID_CREDENTIALS);
  // As in Link, the username stays and the password is what to type again.
  await expect(link.getByLabel("Username")).toHaveValue("user_good");
  await expect(link.getByLabel("Password")).toBeFocused();
  await page.screenshot({ path: test.info().outputPath("link-wrong-password.png") });

  // Escape leaves Link: nothing is linked, and Link's error is repeated on the page.
  await page.keyboard.press("Escape");
  await expect(link).toBeHidden();
  await expect(page.getByRole("main").getByRole("alert").filter({ hasText: INVALID_CREDENTIALS })).toBeVisible();
  await expect(page.getByRole("heading", { name: "No banks linked yet" })).toBeVisible();

  // A second attempt in the same session works.
  await openLink(page, "Link a bank");
  await pickInstitution(page, PLATYPUS);
  await signInToBank(page, { username: "user_good", password: "wrong" });
  await expect(link.getByRole("alert")).toHaveText(INVALID_CREDENTIALS);
  await signInToBank(page, { username: "user_good", password: "pass_good" });
  await chooseAccounts(page, PLATYPUS);
  await expect(link.getByRole("heading", { name: "Success" })).toBeVisible({ timeout: BANK_LOGIN_TIMEOUT });
});

test("Link's stand-in fits a phone and works in dark mode with the keyboard", async ({ page }) => {
  await signUp(page);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.emulateMedia({ colorScheme: "dark" });
  await page.getByRole("button", { name: "Link a bank" }).focus();
  await page.keyboard.press("Enter");
  const link = linkDialog(page);
  await expect(link.getByRole("heading", { name: "Mingus uses Plaid to connect your bank" })).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(link.getByRole("button", { name: "Continue" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(link.getByRole("list", { name: "Institutions" }).getByRole("button")).toHaveCount(
    institutionsInLink(test.info().project.name),
  );
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.screenshot({ path: test.info().outputPath("link-institutions-phone-dark.png") });
  // Focus stays in the modal: tabbing never reaches the page behind it.
  for (let step = 0; step < 12; step += 1) {
    await page.keyboard.press("Tab");
    expect(await link.evaluate((dialog) => dialog.contains(document.activeElement))).toBe(true);
  }
  await page.keyboard.press("Escape");
  await expect(link).toBeHidden();
  await expect(page.getByRole("button", { name: "Link a bank" })).toBeEnabled();
});

test("after the bank resets the login, Reconnect repairs the connection in update mode", async ({ page }) => {
  const bodies = recordBodies(page);
  await signUp(page);
  await linkBank(page);
  const platypus = page.getByRole("region", { name: PLATYPUS });
  await expect(platypus.getByRole("listitem")).toHaveCount(9);
  await expect(platypus.getByRole("button", { name: `Reconnect ${PLATYPUS}` })).toHaveCount(0);

  const [item] = await listItems(page, await currentUserId(page));
  expect(item?.institution_id).toBe("ins_109508");
  await resetLogin(page, item?.item_id ?? "");

  // The emulator's ITEM ERROR (ITEM_LOGIN_REQUIRED) webhook reaches the app, which flags the connection.
  await expect(async () => {
    await page.reload();
    await expect(platypus.getByText("Needs reconnect")).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  await page.screenshot({ path: test.info().outputPath("needs-reconnect.png"), fullPage: true });

  const link = await openLink(page, `Reconnect ${PLATYPUS}`);
  // Update mode knows the bank: straight to its sign-in.
  await expect(link.getByRole("heading", { name: `Log in to ${PLATYPUS}` })).toBeVisible();
  await signInToBank(page, { username: "user_good", password: "pass_good" });
  await expect(link.getByRole("heading", { name: "Success" })).toBeVisible({ timeout: BANK_LOGIN_TIMEOUT });
  await link.getByRole("button", { name: "Continue" }).click();
  await expect(platypus.getByText("Needs reconnect")).toHaveCount(0);
  await expect(platypus.getByRole("button", { name: `Reconnect ${PLATYPUS}` })).toHaveCount(0);
  await page.reload();
  await expect(platypus.getByText("Needs reconnect")).toHaveCount(0);

  expectNoAccessToken(bodies);
});

test("unlinking removes the bank and all its accounts from the page", async ({ page }) => {
  await signUp(page);
  await linkBank(page);
  const platypus = page.getByRole("region", { name: PLATYPUS });
  await expect(platypus.getByRole("listitem")).toHaveCount(9);
  const [item] = await listItems(page, await currentUserId(page));

  await platypus.getByRole("button", { name: `Unlink ${PLATYPUS}` }).click();
  const confirm = page.getByRole("dialog", { name: `Unlink ${PLATYPUS}?` });
  await expect(confirm).toContainText("delete every account from this bank");
  // Cancelling changes nothing.
  await confirm.getByRole("button", { name: "Cancel" }).click();
  await expect(confirm).toBeHidden();
  await expect(platypus.getByRole("listitem")).toHaveCount(9);

  await platypus.getByRole("button", { name: `Unlink ${PLATYPUS}` }).click();
  await confirm.getByRole("button", { name: "Unlink bank" }).click();
  await expect(platypus).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "No banks linked yet" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Plaid Checking" })).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole("heading", { name: "No banks linked yet" })).toBeVisible();

  // Removed at Plaid too: the emulator no longer lists the item for this person.
  const remaining = await listItems(page, await currentUserId(page));
  expect(remaining.map((entry) => entry.item_id)).not.toContain(item?.item_id);
});
