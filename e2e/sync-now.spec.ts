// "Sync now" against the built app and the emulator: a freshly linked bank syncs by itself, then the
// person presses Sync now and watches the run (queued or syncing, the "Syncing" badge beside it) until
// it says what changed, and the account page shows the transactions.
import { expect, type Page, test } from "@playwright/test";
import { signUp } from "./support/auth";
import { EMULATOR_KEYS } from "./support/emulator-keys";
import { currentUserId, linkBank, listItems, PLATYPUS } from "./support/plaid-link";

// A first sync of about 1,900 transactions, on a machine shared with other work.
const FIRST_SYNC_TIMEOUT = 90_000;

/** Slows the item's next /transactions/sync call, so the run is seen going before it ends. */
async function slowNextTransactionsSync(page: Page, itemId: string, latencyMs: number) {
  const response = await page.request.post("/api/plaid-emulator/emulator/faults", {
    data: {
      ...EMULATOR_KEYS,
      item_id: itemId,
      endpoint: "/transactions/sync",
      latency_ms: latencyMs,
      remaining: 1,
    },
  });
  expect(response.ok(), await response.text()).toBe(true);
}

test("Sync now shows the run's progress, then what changed, and the account has its transactions", async ({ page }) => {
  test.setTimeout(FIRST_SYNC_TIMEOUT + 60_000);
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  await signUp(page);
  await linkBank(page);

  const platypus = page.getByRole("region", { name: PLATYPUS });
  const button = platypus.getByRole("button", { name: "Sync now" });
  const status = platypus.getByRole("status");
  const badge = platypus.getByText("Syncing", { exact: true });
  await expect(button).toBeVisible({ timeout: 15_000 });
  // Linking queued the first sync; the button follows it and is free again once it has finished.
  await expect(button).toBeEnabled({ timeout: FIRST_SYNC_TIMEOUT });

  const [item] = await listItems(page, await currentUserId(page));
  if (!item) throw new Error("the emulator has no item for this person");
  await slowNextTransactionsSync(page, item.item_id, 4_000);
  await button.click();
  await expect(status).toHaveText(/^(Queued|Syncing)…/);
  await expect(button).toBeDisabled();
  await expect(badge).toBeVisible();
  await page.screenshot({ path: test.info().outputPath("sync-now-running.png") });

  await expect(status).toHaveText(/^Synced: [\d,]+ added, [\d,]+ updated, [\d,]+ removed$/, { timeout: 30_000 });
  await expect(button).toBeEnabled();
  // The refresh at the end takes the badge away.
  await expect(badge).toHaveCount(0);
  await page.screenshot({ path: test.info().outputPath("sync-now-done.png") });

  await platypus.getByRole("link", { name: "Plaid Checking" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Plaid Checking" })).toBeVisible();
  const rows = page.getByRole("table", { name: "Transactions, newest first" }).locator("tbody tr");
  await expect(rows.first()).toBeVisible();
  expect(await rows.count()).toBeGreaterThan(10);
  // The account page offers the same button for its bank, idle now that nothing is running.
  await expect(page.getByRole("button", { name: `Sync now: ${PLATYPUS}` })).toBeEnabled();

  expect(errors).toEqual([]);
});
