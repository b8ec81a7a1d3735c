// Alerts end to end, against the built app, the emulator and a real SMTP server on loopback: a person
// sets a low-balance and a large-transaction threshold, the bank posts a large charge that drops the
// balance, the app syncs, and exactly one notification per alert shows in the app and arrives by email.
// Switched to a daily digest, the next alerts wait, then arrive together in one email, once.
import { expect, type Page, test } from "@playwright/test";
import { signUp } from "./support/auth";
import { mailFor } from "./support/mailbox";
import { createBankTransactions, currentUserId, linkBank, listItems, PLATYPUS } from "./support/plaid-link";

const FIRST_SYNC_TIMEOUT = 90_000;
const ALERT_TIMEOUT = 30_000;

async function waitForFirstSync(page: Page) {
  const button = page.getByRole("region", { name: PLATYPUS }).getByRole("button", { name: "Sync now" });
  await expect(button).toBeVisible({ timeout: 15_000 });
  await expect(button).toBeEnabled({ timeout: FIRST_SYNC_TIMEOUT });
}

async function savePreferences(page: Page, change: () => Promise<void>) {
  await page.goto("/settings");
  await change();
  await page.getByRole("button", { name: "Save preferences" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
}

function bell(page: Page) {
  return page.getByRole("banner").getByRole("link", { name: /^Notifications/ });
}

/** Reloads until the bell says `unread` (the bank's webhook queues the sync; the worker runs it). */
async function waitForUnread(page: Page, unread: number) {
  await expect
    .poll(
      async () => {
        await page.goto("/notifications");
        return bell(page).getAttribute("aria-label");
      },
      { timeout: ALERT_TIMEOUT, intervals: [500, 1000, 2000] },
    )
    .toBe(`Notifications, ${unread} unread`);
  // The header and the list render side by side: load once more, so the list is as new as the bell.
  await page.goto("/notifications");
}

test("alerts arrive once in the app and by email, and a daily digest arrives once", async ({ page, baseURL }) => {
  test.setTimeout(FIRST_SYNC_TIMEOUT + 120_000);
  if (!baseURL) throw new Error("baseURL is not set");
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  const { email } = await signUp(page, { confirm: true });
  // Alert mail only: the sign-up's confirmation came first.
  const alertMail = async () =>
    (await mailFor(baseURL, email)).filter((mail) => mail.subject !== "Confirm your email address for Mingus");
  await linkBank(page);
  await waitForFirstSync(page);

  await savePreferences(page, async () => {
    await page.getByRole("checkbox", { name: "Low balance alert" }).check();
    await page.getByRole("textbox", { name: "Low balance threshold" }).fill("50");
    await page.getByRole("checkbox", { name: "Transaction notifications" }).check();
    await page.getByRole("textbox", { name: "Large transaction threshold" }).fill("1000");
  });
  await expect(bell(page)).toHaveAttribute("aria-label", "Notifications, 0 unread");

  // The bank posts a large charge on Plaid Checking (available $100): over the large-transaction
  // threshold, and it takes the balance below $50.
  const [item] = await listItems(page, await currentUserId(page));
  if (!item) throw new Error("the emulator has no item for this person");
  await createBankTransactions(page, item.item_id, [
    { amount: 2500, description: "Apple Store", merchant_name: "Apple" },
  ]);
  await waitForUnread(page, 2);

  const list = page.getByRole("list", { name: "Notifications" });
  await expect(list.getByRole("listitem")).toHaveCount(2);
  await expect(list.getByText("Low balance", { exact: false }).first()).toBeVisible();
  await expect(list.getByText("$2,500.00", { exact: false }).first()).toBeVisible();
  await page.screenshot({ path: test.info().outputPath("notifications.png"), fullPage: true });

  await expect.poll(async () => (await alertMail()).length, { timeout: ALERT_TIMEOUT }).toBe(2);
  const subjects = (await alertMail()).map((mail) => mail.subject).sort();
  expect(subjects[0]).toMatch(/Large transaction|\$2,500\.00/);
  expect(subjects[1]).toMatch(/Low balance/);

  // Another sync brings nothing new: still one notification and one email per alert.
  await page.goto("/accounts");
  const syncNow = page.getByRole("region", { name: PLATYPUS }).getByRole("button", { name: "Sync now" });
  await syncNow.click();
  await expect(page.getByRole("region", { name: PLATYPUS }).getByRole("status")).toHaveText(/^Synced/, {
    timeout: ALERT_TIMEOUT,
  });
  await page.goto("/notifications");
  await expect(bell(page)).toHaveAttribute("aria-label", "Notifications, 2 unread");
  expect(await alertMail()).toHaveLength(2);

  await page.getByRole("button", { name: "Mark all read" }).click();
  await expect(bell(page)).toHaveAttribute("aria-label", "Notifications, 0 unread");

  // Daily digest: the next alerts wait for the day's end instead of arriving one by one.
  await savePreferences(page, async () => {
    await page.getByRole("combobox", { name: "Notification frequency" }).selectOption("daily");
  });
  await createBankTransactions(page, item.item_id, [
    { amount: 1200, description: "Delta Air Lines", merchant_name: "Delta" },
    { amount: 1800, description: "Best Buy", merchant_name: "Best Buy" },
  ]);
  await waitForUnread(page, 2);
  expect(await alertMail()).toHaveLength(2);
  const waiting = page.getByRole("region", { name: /digest/i });
  await expect(waiting).toContainText("2");
  await page.screenshot({ path: test.info().outputPath("digest-waiting.png"), fullPage: true });

  // The day's end, brought forward: the digest goes now, once, with both alerts in it.
  await waiting.getByRole("button", { name: "Send now" }).click();
  await expect.poll(async () => (await alertMail()).length, { timeout: ALERT_TIMEOUT }).toBe(3);
  const digest = (await alertMail()).at(-1);
  expect(digest?.subject).toMatch(/daily/i);
  expect(digest?.text).toContain("$1,200.00");
  expect(digest?.text).toContain("$1,800.00");
  await page.goto("/notifications");
  await expect(page.getByRole("region", { name: /digest/i })).toContainText("Nothing is waiting");
  // Nothing else follows: the digest went once.
  await page.waitForTimeout(3_000);
  expect(await alertMail()).toHaveLength(3);
  expect(errors).toEqual([]);
});
