// Driving Link's stand-in (the emulator's Link) as a person does, and the emulator's test hooks the
// specs use to change an item behind the app's back (a bank asking its user to sign in again).
import { type APIRequestContext, expect, type Page } from "@playwright/test";
import { EMULATOR_KEYS } from "./emulator-keys";

// A first login makes a new item at the emulator with two years of transactions: about a second on an
// idle machine, several on a busy one.
export const BANK_LOGIN_TIMEOUT = 20_000;

export const PLATYPUS = "First Platypus Bank";
export const INVALID_CREDENTIALS = "The provided credentials were not correct. Please try again.";

/** Link's institutions: the six American ones, and a UK and a Spanish bank where the server offers GB and ES. */
export function institutionsInLink(project: string): number {
  return project === "embedded" ? 8 : 6;
}

/** The stand-in is a modal dialog; Link's own pane headings label it. */
export function linkDialog(page: Page) {
  return page.getByTestId("plaid-link-stand-in");
}

/** Opens Link from a button ("Link a bank", "Reconnect …") and gets past its consent pane. */
export async function openLink(page: Page, buttonName: string | RegExp) {
  await page.getByRole("button", { name: buttonName }).first().click();
  const link = linkDialog(page);
  await expect(link).toBeVisible();
  await expect(link.getByText("Sandbox — local Plaid emulator")).toBeVisible();
  await link.getByRole("button", { name: "Continue" }).click();
  return link;
}

export async function pickInstitution(page: Page, name: string) {
  const link = linkDialog(page);
  await link.getByLabel("Search institutions").fill(name.split(" ").slice(0, 2).join(" "));
  await link.getByRole("button", { name }).click();
}

export async function signInToBank(page: Page, { username, password }: { username: string; password: string }) {
  const link = linkDialog(page);
  await link.getByLabel("Username").fill(username);
  await link.getByLabel("Password").fill(password);
  await link.getByRole("button", { name: "Submit" }).click();
}

/**
 * Link's account selection pane, after the login: ticks exactly `names` (leaves the pane's own choice
 * when not given: every shared account) and continues.
 */
export async function chooseAccounts(page: Page, institution: string, names?: string[]) {
  const link = linkDialog(page);
  await expect(link.getByRole("heading", { name: `Choose the ${institution} accounts Mingus can see` })).toBeVisible({
    timeout: BANK_LOGIN_TIMEOUT,
  });
  if (names) {
    for (const box of await link.getByRole("checkbox").all()) {
      const label = (await box.locator("xpath=ancestor::label").innerText()).split("\n")[0]?.trim() ?? "";
      await box.setChecked(names.includes(label));
    }
  }
  await link.getByRole("button", { name: "Continue" }).click();
}

/** The whole create flow with the sandbox's good credentials, ending back on the accounts page. */
export async function linkBank(page: Page, institution = PLATYPUS, accounts?: string[]) {
  await openLink(page, "Link a bank");
  await pickInstitution(page, institution);
  await signInToBank(page, { username: "user_good", password: "pass_good" });
  await chooseAccounts(page, institution, accounts);
  const link = linkDialog(page);
  await expect(link.getByRole("heading", { name: "Success" })).toBeVisible({ timeout: BANK_LOGIN_TIMEOUT });
  await link.getByRole("button", { name: "Continue" }).click();
  await expect(link).toBeHidden();
}

async function emulator<T>(request: APIRequestContext, path: string, body: object): Promise<T> {
  const response = await request.post(`/api/plaid-emulator/${path}`, { data: { ...EMULATOR_KEYS, ...body } });
  expect(response.ok(), `${path}: ${response.status()} ${await response.text()}`).toBe(true);
  return (await response.json()) as T;
}

/** The signed-in person's id (next-auth's session), which Mingus sends Plaid as client_user_id. */
export async function currentUserId(page: Page): Promise<string> {
  const session = (await (await page.request.get("/api/auth/session")).json()) as { user?: { id?: string } };
  const id = session.user?.id;
  if (!id) throw new Error("No signed-in user");
  return id;
}

/** The person's items at the emulator (the app never shows item ids or tokens). */
export async function listItems(page: Page, clientUserId: string) {
  const { items } = await emulator<{ items: { item_id: string; institution_id: string }[] }>(
    page.request,
    "emulator/items/list",
    { client_user_id: clientUserId },
  );
  return items;
}

/** /sandbox/item/reset_login addressed by item id: the bank now wants its user to sign in again. */
export async function resetLogin(page: Page, itemId: string) {
  await emulator(page.request, "emulator/items/reset_login", { item_id: itemId });
}

export type BankTransaction = {
  amount: number;
  description: string;
  merchant_name?: string;
  date?: string;
  category?: string;
  pending?: boolean;
};

/** Posted transactions the bank books on the item (default account: Plaid Checking); it then tells the app. */
export async function createBankTransactions(
  page: Page,
  itemId: string,
  transactions: BankTransaction[],
  accountId?: string,
) {
  await emulator(page.request, "emulator/items/transactions/create", {
    item_id: itemId,
    ...(accountId ? { account_id: accountId } : {}),
    transactions,
  });
}

/** /emulator/items/fire_webhook: the emulator sends the item's webhook and changes the item to match. */
export async function fireItemWebhook(
  page: Page,
  body: { item_id: string; webhook_code: string } & Record<string, unknown>,
) {
  await emulator(page.request, "emulator/items/fire_webhook", { webhook_type: "ITEM", ...body });
}
