// Which accounts of a bank Mingus holds, driven as a person does: Link's account selection when linking,
// a second login at the same bank (a partner's or a business login) next to the first, a true duplicate
// refused with "Reconnect … instead", and an account opened at the bank later, added through "Add
// accounts" (update mode with account selection) while one unticked is closed with its history kept.
import { expect, test } from "@playwright/test";
import { signUp } from "./support/auth";
import { EMULATOR_KEYS } from "./support/emulator-keys";
import {
  BANK_LOGIN_TIMEOUT,
  chooseAccounts,
  currentUserId,
  linkBank,
  linkDialog,
  listItems,
  openLink,
  PLATYPUS,
  pickInstitution,
  signInToBank,
} from "./support/plaid-link";

// A first sync of about 1,900 transactions, on a machine shared with other work.
const FIRST_SYNC_TIMEOUT = 90_000;

// Linking one bank takes a second or two on an idle machine, several on a busy one; this test links three.
const LINKED_TIMEOUT = 30_000;

test("a second login at the same bank links; one with an account linked already is refused", async ({ page }) => {
  test.setTimeout(4 * LINKED_TIMEOUT);
  await signUp(page);
  await linkBank(page, PLATYPUS, ["Plaid Checking", "Plaid Saving"]);
  await expect(page.getByRole("region", { name: PLATYPUS })).toHaveCount(1, { timeout: LINKED_TIMEOUT });
  await linkBank(page, PLATYPUS, ["Plaid Credit Card"]);
  const banks = page.getByRole("region", { name: PLATYPUS });
  await expect(banks).toHaveCount(2, { timeout: LINKED_TIMEOUT });
  await expect(page.getByRole("link", { name: "Plaid Credit Card" })).toBeVisible();

  // The same savings account again: refused before any new item is made, with a way to the existing one.
  const itemsBefore = (await listItems(page, await currentUserId(page))).length;
  await openLink(page, "Link a bank");
  await pickInstitution(page, PLATYPUS);
  await signInToBank(page, { username: "user_good", password: "pass_good" });
  await chooseAccounts(page, PLATYPUS, ["Plaid Saving", "Plaid CD"]);
  const link = linkDialog(page);
  await expect(link.getByRole("heading", { name: "Success" })).toBeVisible({ timeout: BANK_LOGIN_TIMEOUT });
  await link.getByRole("button", { name: "Continue" }).click();
  const alert = page.getByRole("main").getByRole("alert").filter({ hasText: "is already linked" });
  await expect(alert).toContainText("Plaid Saving •••• 1111 at First Platypus Bank is already linked.", {
    timeout: LINKED_TIMEOUT,
  });
  await page.screenshot({ path: test.info().outputPath("duplicate-refused.png") });
  await expect(banks).toHaveCount(2);
  // Link made one item for that login; the exchange never happened, so it was never billed nor kept.
  expect((await listItems(page, await currentUserId(page))).length).toBe(itemsBefore + 1);

  await alert.getByRole("button", { name: `Reconnect ${PLATYPUS} instead` }).click();
  await expect(link.getByRole("button", { name: "Continue" })).toBeVisible();
  await link.getByRole("button", { name: "Continue" }).click();
  await signInToBank(page, { username: "user_good", password: "pass_good" });
  await expect(link.getByRole("heading", { name: "Success" })).toBeVisible({ timeout: BANK_LOGIN_TIMEOUT });
  await link.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("main").getByRole("status").filter({ hasText: "is reconnected" })).toBeVisible({
    timeout: LINKED_TIMEOUT,
  });
});

test("an account opened at the bank is added through Add accounts, one unticked is closed", async ({ page }) => {
  test.setTimeout(FIRST_SYNC_TIMEOUT + 90_000);
  await signUp(page);
  await linkBank(page, PLATYPUS, ["Plaid Checking", "Plaid Saving"]);
  const platypus = page.getByRole("region", { name: PLATYPUS });
  await expect(platypus.getByRole("listitem")).toHaveCount(2, { timeout: LINKED_TIMEOUT });
  // The first sync ends before the bank changes, so the new account's history comes with a later one.
  await expect(platypus.getByRole("button", { name: "Sync now" })).toBeEnabled({ timeout: FIRST_SYNC_TIMEOUT });

  const [item] = await listItems(page, await currentUserId(page));
  const opened = await page.request.post("/api/plaid-emulator/emulator/items/accounts/create", {
    data: {
      ...EMULATOR_KEYS,
      item_id: item?.item_id,
      type: "depository",
      subtype: "savings",
      name: "Holiday Saver",
      current_balance: 250,
    },
  });
  expect(opened.ok(), await opened.text()).toBe(true);

  // NEW_ACCOUNTS_AVAILABLE reaches the app, which offers to add them.
  const add = platypus.getByRole("button", { name: `Add new accounts from ${PLATYPUS}` });
  await expect(async () => {
    await page.reload();
    await expect(platypus.getByText("New accounts available")).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  await page.screenshot({ path: test.info().outputPath("new-accounts-available.png"), fullPage: true });

  await add.click();
  const link = linkDialog(page);
  await link.getByRole("button", { name: "Continue" }).click();
  await signInToBank(page, { username: "user_good", password: "pass_good" });
  const newAccount = link.getByRole("checkbox", { name: /Holiday Saver/ });
  await expect(newAccount).not.toBeChecked({ timeout: BANK_LOGIN_TIMEOUT });
  await expect(link.getByRole("checkbox", { name: /Plaid Saving/ })).toBeChecked();
  await page.screenshot({ path: test.info().outputPath("account-selection.png") });
  await chooseAccounts(page, PLATYPUS, ["Plaid Checking", "Holiday Saver"]);
  await expect(link.getByRole("heading", { name: "Success" })).toBeVisible({ timeout: BANK_LOGIN_TIMEOUT });
  await link.getByRole("button", { name: "Continue" }).click();
  // The button goes with the badge once the page refreshes, so its message is brief: the list is the proof.
  await expect(platypus.getByText("New accounts available")).toHaveCount(0, { timeout: LINKED_TIMEOUT });
  const saver = platypus.getByRole("listitem").filter({ hasText: "Holiday Saver" });
  await expect(saver).toContainText("$250.00");
  await expect(platypus.getByRole("listitem").filter({ hasText: "Plaid Saving" })).toContainText("Closed");

  // The sync that follows brings the new account's history: its opening deposit.
  await saver.getByRole("link", { name: "Holiday Saver" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Holiday Saver" })).toBeVisible();
  await expect(async () => {
    await page.reload();
    await expect(page.getByText("Opening deposit")).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 60_000 });
});
