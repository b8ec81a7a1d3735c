// A bank's consent expiring and a person revoking access, driven through the emulator's
// /emulator/items/fire_webhook: the accounts page says when access ends and offers Renew (Link's update
// mode), the "Connection expiring" alert reaches the bell and the inbox, renewing lifts the banner; a
// revoked connection stops syncing and offers Reconnect or Unlink.
import { expect, type Page, test } from "@playwright/test";
import { axeFindings, sidewaysOverflow } from "./support/a11y";
import { signUp } from "./support/auth";
import {
  BANK_LOGIN_TIMEOUT,
  currentUserId,
  fireItemWebhook,
  linkBank,
  listItems,
  openLink,
  PLATYPUS,
  signInToBank,
} from "./support/plaid-link";

const DAY_MS = 24 * 60 * 60 * 1000;

// Linking, a webhook's round trip and update mode in one test: more than the default 30 seconds.
test.describe.configure({ timeout: 120_000 });

async function linkedItemId(page: Page): Promise<string> {
  await signUp(page);
  await linkBank(page);
  await expect(page.getByRole("region", { name: PLATYPUS }).getByRole("listitem")).toHaveCount(9, {
    timeout: 15_000,
  });
  const [item] = await listItems(page, await currentUserId(page));
  if (!item) throw new Error("the emulator has no item for this person");
  return item.item_id;
}

test("an expiring consent shows when access ends, alerts once, and Renew lifts it", async ({ page }) => {
  const itemId = await linkedItemId(page);
  const expires = new Date(Date.now() + 5 * DAY_MS);
  await fireItemWebhook(page, {
    item_id: itemId,
    webhook_code: "PENDING_EXPIRATION",
    consent_expiration_time: expires.toISOString(),
  });

  const platypus = page.getByRole("region", { name: PLATYPUS });
  const banner = platypus.getByText(`Access to ${PLATYPUS} ends on`);
  await expect(async () => {
    await page.reload();
    await expect(banner).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  // In the person's date format (the default, "MMM d, yyyy").
  const day = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", year: "numeric" }).format(expires);
  await expect(platypus.getByText(day)).toBeVisible();
  // Still healthy: it keeps syncing, with no reconnect asked for.
  await expect(platypus.getByText("Needs reconnect")).toHaveCount(0);
  await expect(platypus.getByRole("button", { name: "Sync now" })).toBeVisible();
  expect(await axeFindings(page)).toEqual([]);
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
  await page.screenshot({ path: test.info().outputPath("access-ends-phone.png"), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });

  // The alert, in the bell and the inbox.
  const bell = page.getByRole("banner").getByRole("link", { name: /^Notifications/ });
  await expect(bell).toHaveAttribute("aria-label", "Notifications, 1 unread");
  await page.goto("/notifications");
  const list = page.getByRole("list", { name: "Notifications" });
  await expect(list.getByText("Connection expiring", { exact: false }).first()).toBeVisible();
  await expect(list.getByText(`Access to ${PLATYPUS} ends on`, { exact: false }).first()).toBeVisible();

  // Renew: update mode at the bank, and the banner is gone.
  await page.goto("/accounts");
  const link = await openLink(page, `Renew ${PLATYPUS}`);
  await expect(link.getByRole("heading", { name: `Log in to ${PLATYPUS}` })).toBeVisible();
  await signInToBank(page, { username: "user_good", password: "pass_good" });
  await expect(link.getByRole("heading", { name: "Success" })).toBeVisible({ timeout: BANK_LOGIN_TIMEOUT });
  await link.getByRole("button", { name: "Continue" }).click();
  await expect(banner).toHaveCount(0);
  await page.reload();
  await expect(platypus.getByRole("listitem")).toHaveCount(9);
  await expect(banner).toHaveCount(0);
});

test("revoked access stops syncing and offers Reconnect or Unlink", async ({ page }) => {
  const itemId = await linkedItemId(page);
  await fireItemWebhook(page, { item_id: itemId, webhook_code: "USER_PERMISSION_REVOKED" });

  const platypus = page.getByRole("region", { name: PLATYPUS });
  await expect(async () => {
    await page.reload();
    await expect(platypus.getByText("Access revoked")).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  await expect(platypus.getByText(`Access to ${PLATYPUS} was revoked.`)).toBeVisible();
  await expect(platypus.getByText("its accounts and history stay here as they were, read-only")).toBeVisible();
  // History stays; Sync now gives way to Reconnect, and Unlink removes it.
  await expect(platypus.getByRole("listitem")).toHaveCount(9);
  await expect(platypus.getByRole("button", { name: "Sync now" })).toHaveCount(0);
  await expect(platypus.getByRole("button", { name: `Reconnect ${PLATYPUS}` })).toBeVisible();
  await expect(platypus.getByRole("button", { name: `Unlink ${PLATYPUS}` })).toBeVisible();
  expect(await axeFindings(page)).toEqual([]);
  await page.screenshot({ path: test.info().outputPath("access-revoked.png"), fullPage: true });

  // Reconnecting through update mode restores it.
  const link = await openLink(page, `Reconnect ${PLATYPUS}`);
  await signInToBank(page, { username: "user_good", password: "pass_good" });
  await expect(link.getByRole("heading", { name: "Success" })).toBeVisible({ timeout: BANK_LOGIN_TIMEOUT });
  await link.getByRole("button", { name: "Continue" }).click();
  await expect(platypus.getByText("Access revoked")).toHaveCount(0);
  await expect(platypus.getByRole("button", { name: "Sync now" })).toBeVisible();
});
