// Linking OAuth banks through Link's stand-in: the person leaves the app for the bank's consent page,
// Allows, and comes back to /oauth-return where Link finishes (create and update mode); Deny ends in
// Link's error; UK and Spanish banks appear only where PLAID_COUNTRY_CODES names their countries (the
// embedded e2e server: US,GB,ES; the PostgreSQL one: US), with their accounts in pounds and euros; and
// an expired link token is replaced without the person noticing.
import { expect, type Page, test } from "@playwright/test";
import { axeFindings, sidewaysOverflow, smallTargets } from "./support/a11y";
import { signUp } from "./support/auth";
import { EMULATOR_KEYS } from "./support/emulator-keys";
import { BANK_LOGIN_TIMEOUT, currentUserId, linkDialog, listItems, openLink, resetLogin } from "./support/plaid-link";

const OAUTH_BANK = "Platypus OAuth Bank";

// Each link makes an item with two years of history, and these tests link up to twice.
test.describe.configure({ timeout: 120_000 });

async function pick(page: Page, query: string, name: string) {
  const link = linkDialog(page);
  await link.getByLabel("Search institutions").fill(query);
  await link.getByRole("button", { name }).click();
}

/** At the bank's consent page (the app is left behind), answers it, and lands on /oauth-return. */
async function consentAtBank(page: Page, bank: string, decision: "Allow" | "Deny", { check = false } = {}) {
  await expect(page).toHaveURL(/\/api\/plaid-emulator\/oauth\/authorize\?state=/, { timeout: BANK_LOGIN_TIMEOUT });
  await expect(page.getByRole("heading", { name: `${bank} wants to share your accounts with Mingus` })).toBeVisible();
  if (check) {
    // The bank's page is a page people use too: accessible, and usable on a phone.
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 800 });
      expect.soft(await axeFindings(page), `consent page, ${width} px`).toEqual([]);
      expect.soft(await smallTargets(page), `consent page targets, ${width} px`).toEqual([]);
      expect.soft(await sidewaysOverflow(page), `consent page overflow, ${width} px`).toBe(0);
    }
    await page.keyboard.press("Tab");
    await expect(page.getByRole("button", { name: "Allow" })).toBeFocused();
  }
  await page.getByRole("button", { name: decision }).click();
  await expect(page).toHaveURL(/\/oauth-return\?oauth_state_id=/);
}

async function finishOnReturnPage(page: Page) {
  const link = linkDialog(page);
  // Linking shows Link's account selection first (every account ticked); a repair goes straight on.
  const choose = link.getByRole("heading", { name: /accounts Mingus can see$/ });
  const success = link.getByRole("heading", { name: "Success" });
  await expect(choose.or(success)).toBeVisible({ timeout: BANK_LOGIN_TIMEOUT });
  if (await choose.isVisible()) await link.getByRole("button", { name: "Continue" }).click();
  await expect(success).toBeVisible({ timeout: BANK_LOGIN_TIMEOUT });
  await link.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(/\/accounts$/, { timeout: BANK_LOGIN_TIMEOUT });
}

test("links Platypus OAuth Bank through its consent page, then repairs it in update mode", async ({ page }) => {
  await signUp(page);
  await openLink(page, "Link a bank");
  await pick(page, "oauth", OAUTH_BANK);
  await consentAtBank(page, OAUTH_BANK, "Allow", { check: true });
  await expect(page.getByRole("heading", { level: 1, name: "Finishing with your bank" })).toBeVisible();
  await finishOnReturnPage(page);
  const bank = page.getByRole("region", { name: OAUTH_BANK });
  await expect(bank.getByRole("listitem")).toHaveCount(9, { timeout: 15_000 });

  const [item] = await listItems(page, await currentUserId(page));
  expect(item?.institution_id).toBe("ins_127287");
  await resetLogin(page, item?.item_id ?? "");
  await expect(async () => {
    await page.reload();
    await expect(bank.getByText("Needs reconnect")).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 20_000 });

  const link = await openLink(page, `Reconnect ${OAUTH_BANK}`);
  await expect(link).toBeHidden({ timeout: BANK_LOGIN_TIMEOUT });
  await consentAtBank(page, OAUTH_BANK, "Allow");
  await finishOnReturnPage(page);
  await expect(bank.getByText("Needs reconnect")).toHaveCount(0);
  await page.reload();
  await expect(bank.getByText("Needs reconnect")).toHaveCount(0);
  expect(await listItems(page, await currentUserId(page))).toHaveLength(1);
});

test("Deny at the bank ends Link with Plaid's message, and nothing is linked", async ({ page }) => {
  await signUp(page);
  await openLink(page, "Link a bank");
  await pick(page, "oauth", OAUTH_BANK);
  await consentAtBank(page, OAUTH_BANK, "Deny");
  const link = linkDialog(page);
  const message = "The user did not grant the necessary permissions for their account.";
  await expect(link.getByText(message)).toBeVisible({ timeout: BANK_LOGIN_TIMEOUT });
  await link.getByRole("button", { name: "Exit" }).click();
  await expect(page.getByRole("alert").filter({ hasText: message })).toBeVisible();
  // The stored session is spent: opening the page again says so.
  await page.goto("/oauth-return?oauth_state_id=again");
  await expect(page.getByText("No bank sign-in is waiting to finish here.")).toBeVisible();
  expect(await listItems(page, await currentUserId(page))).toEqual([]);
});

test("UK and Spanish banks only where the server offers GB and ES, in pounds and euros", async ({ page }) => {
  await signUp(page);
  const link = await openLink(page, "Link a bank");
  await link.getByLabel("Search institutions").fill("Royal Bank");
  const offered = test.info().project.name === "embedded";
  const institutions = link.getByRole("list", { name: "Institutions" }).getByRole("button");
  if (!offered) {
    await expect(link.getByText("No institutions match")).toBeVisible();
    await link.getByLabel("Search institutions").fill("Banco");
    await expect(link.getByText("No institutions match")).toBeVisible();
    await expect(institutions).toHaveCount(0);
    return;
  }
  await link.getByRole("button", { name: "Royal Bank of Plaid" }).click();
  await consentAtBank(page, "Royal Bank of Plaid", "Allow");
  await finishOnReturnPage(page);
  const uk = page.getByRole("region", { name: "Royal Bank of Plaid" });
  await expect(uk.getByRole("listitem")).toHaveCount(9, { timeout: 15_000 });
  await expect(uk.getByText(/£/).first()).toBeVisible();

  await openLink(page, "Link a bank");
  await pick(page, "Banco", "Banco Ornitorrinco");
  await consentAtBank(page, "Banco Ornitorrinco", "Allow");
  await finishOnReturnPage(page);
  const es = page.getByRole("region", { name: "Banco Ornitorrinco" });
  await expect(es.getByRole("listitem")).toHaveCount(9, { timeout: 15_000 });
  await expect(es.getByText(/€/).first()).toBeVisible();
});

test("an expired link token is replaced without the person noticing", async ({ page }) => {
  await signUp(page);
  const sessions: string[] = [];
  // The first Link session's token expires just before Link opens it (the emulator's test hook).
  await page.route("**/api/plaid-emulator/link/session", async (route) => {
    const token = String((route.request().postDataJSON() as { link_token: string }).link_token);
    sessions.push(token);
    if (sessions.length === 1) {
      const expired = await page.request.post("/api/plaid-emulator/emulator/link_tokens/expire", {
        data: { ...EMULATOR_KEYS, link_token: token },
      });
      expect(expired.ok()).toBe(true);
    }
    await route.continue();
  });
  await page.getByRole("button", { name: "Link a bank" }).first().click();
  const link = linkDialog(page);
  await expect(link.getByRole("button", { name: "Continue" })).toBeVisible({ timeout: BANK_LOGIN_TIMEOUT });
  expect(sessions).toHaveLength(2);
  expect(sessions[1]).not.toBe(sessions[0]);
  // Nothing to see: no error anywhere (the modal makes the page behind it inert, so by CSS, not by role;
  // Next's route announcer is the one alert that may speak).
  const errors = page.locator('[role="alert"]:not(#__next-route-announcer__)').filter({ hasText: /\w/ });
  await expect(errors).toHaveCount(0);
  await page.keyboard.press("Escape");
  await expect(link).toBeHidden();
  await expect(errors).toHaveCount(0);
});

test("the return page says so when nothing is waiting, at phone width", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 800 });
  await signUp(page);
  await page.goto("/oauth-return?oauth_state_id=nothing");
  await expect(page.getByRole("heading", { level: 1, name: "Finishing with your bank" })).toBeVisible();
  await expect(page.getByText("No bank sign-in is waiting to finish here.")).toBeVisible();
  await expect(page.getByRole("link", { name: "Back to your accounts" })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});
