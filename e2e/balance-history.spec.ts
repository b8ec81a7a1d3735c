// A newly linked account's balance chart covers its whole history from the first sync: the days the
// bank did not report are calculated from the transactions, drawn dashed and named as such, with the
// table and the range switch telling the same story.
import { expect, test } from "@playwright/test";
import { signUp } from "./support/auth";
import { linkBank, PLATYPUS } from "./support/plaid-link";

test("a bank linked today shows hundreds of days of balance history once the first sync is in", async ({ page }) => {
  test.setTimeout(120_000);
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  await signUp(page);
  await linkBank(page, PLATYPUS, ["Plaid Checking", "Plaid Credit Card"]);
  const bank = page.getByRole("region", { name: PLATYPUS });
  await expect(bank.getByRole("listitem")).toHaveCount(2, { timeout: 15_000 });

  await bank.getByRole("link", { name: "Plaid Checking" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Plaid Checking" })).toBeVisible({ timeout: 15_000 });
  const url = new URL(page.url());
  // The initial sync runs in the background: the history grows from one day to two years.
  const tableToggle = page.getByText(/^Show the balance history as a table \((\d+) days\)$/);
  await expect(async () => {
    await page.goto(`${url.pathname}?range=all#balance-history`);
    const text = (await tableToggle.textContent()) ?? "";
    expect(Number(text.match(/\((\d+) days\)/)?.[1] ?? 0)).toBeGreaterThan(300);
  }).toPass({ timeout: 60_000, intervals: [1_000, 2_000, 3_000] });

  const chart = page.getByRole("figure", { name: /Current and available balance|Current balance/ });
  await expect(chart).toContainText(/\d+ of the \d+ days are calculated from transactions/);
  await expect(chart.getByText("Current, calculated from transactions")).toBeVisible();
  await expect(chart.getByText("Current, reported by the bank")).toBeVisible();
  // Both lines are drawn: the long dashed stretch and the bank's own days.
  await expect(chart.locator(".recharts-line")).toHaveCount(3);

  await tableToggle.click();
  const rows = page.getByRole("table", { name: /Daily balances/ }).locator("tbody tr");
  expect(await rows.count()).toBeGreaterThan(300);
  // Newest first: today's balance is the bank's, the days before it calculated.
  await expect(rows.first().locator("td").last()).toHaveText("Bank");
  await expect(rows.nth(1).locator("td").last()).toHaveText("Transactions");
  await expect(rows.last().locator("td").last()).toHaveText("Transactions");
  await page.screenshot({ path: test.info().outputPath("balance-history-all.png"), fullPage: true });

  // A month is thirty days, every one of them with a balance.
  await page.getByRole("navigation", { name: "Balance history range" }).getByRole("link", { name: /^1M/ }).click();
  await expect(page).toHaveURL(/range=1m/);
  await expect(page.getByText(/^Show the balance history as a table \((29|30) days\)$/)).toBeVisible();
  expect(errors).toEqual([]);
});
