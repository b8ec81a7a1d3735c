// The account page as the seeded VIEWER sees their Plaid Checking account ("Everyday"): balance history
// chart and table over each range, searching and paging the transactions, details, sync history, both
// CSV downloads, and a 404 for anyone else.
import fs from "node:fs/promises";
import { type Browser, expect, type Page, test } from "@playwright/test";
import { signIn, signUp, VIEWER } from "./support/auth";

const ACCOUNT_URL = /\/accounts\/[0-9a-f-]{36}$/;

/** Signs in as VIEWER and opens Plaid Checking (alias "Everyday") from the accounts list. */
async function openChecking(page: Page): Promise<string> {
  await signIn(page, VIEWER);
  await expect(page).toHaveURL(/\/accounts$/);
  await page.getByRole("link", { name: "Everyday", exact: true }).click();
  await expect(page).toHaveURL(ACCOUNT_URL);
  await expect(page.getByRole("heading", { level: 1, name: "Everyday" })).toBeVisible();
  return new URL(page.url()).pathname;
}

const main = (page: Page) => page.getByRole("main");
const historyRows = (page: Page) => page.getByRole("table", { name: /Daily balances/ }).locator("tbody tr");
const transactionRows = (page: Page) =>
  page.getByRole("table", { name: "Transactions, newest first" }).locator("tbody tr");

/** Opens the table under the chart unless it is open already (it stays open across range changes). */
async function openHistoryTable(page: Page) {
  const details = page.locator("details", { hasText: "Show the balance history as a table" });
  if ((await details.getAttribute("open")) === null) await details.locator("summary").click();
  await expect(page.getByRole("table", { name: /Daily balances/ })).toBeVisible();
}

/** "712 transactions" / "98 transactions matching “x”" → 712 / 98. */
async function transactionTotal(page: Page): Promise<number> {
  const text = await main(page)
    .getByText(/^[\d,]+\+? transactions?( matching|$)/)
    .textContent();
  return Number(text?.match(/^[\d,]+/)?.[0].replaceAll(",", ""));
}

async function downloadText(page: Page, linkName: string) {
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: linkName }).click(),
  ]);
  const path = await download.path();
  return { filename: download.suggestedFilename(), lines: (await fs.readFile(path, "utf8")).trimEnd().split("\n") };
}

test("the heading, balances and chart of an account, over each range, with the same points in a table", async ({
  page,
}) => {
  const errors: string[] = [];
  page.on("console", (message) => message.type() === "error" && errors.push(message.text()));
  page.on("pageerror", (error) => errors.push(error.message));
  const path = await openChecking(page);

  await expect(page).toHaveTitle("Everyday · Mingus");
  await expect(main(page).getByText("Plaid Checking", { exact: true })).toBeVisible();
  await expect(main(page).getByText(/^First Platypus Bank · ••••\s0000 · Checking · Depository$/)).toBeVisible();
  await expect(main(page).getByText(/^Current balance$/)).toBeVisible();
  await expect(main(page).locator("dd").first()).toHaveText(/^-?\$[\d,]+\.\d{2}$/);
  await expect(main(page).getByRole("link", { name: "Settings", exact: true })).toHaveAttribute(
    "href",
    `${path}/settings`,
  );

  const chart = page.getByRole("figure", { name: /Current and available balance/ });
  const surface = chart.getByRole("application", { name: "Balance history chart" });
  await expect(surface).toBeVisible();
  await expect(chart.locator(".recharts-line")).toHaveCount(2);
  const box = await surface.boundingBox();
  if (!box) throw new Error("the chart has no size");
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await expect(chart.getByText(/^Current: \$[\d,]+\.\d{2}$/)).toBeVisible();

  const ranges = page.getByRole("navigation", { name: "Balance history range" });
  await expect(ranges.getByRole("link", { name: /^3M/ })).toHaveAttribute("aria-current", "true");
  await openHistoryTable(page);
  // A range ending today; a day shorter if the seed ran just before midnight UTC and this runs just after.
  expect([89, 90]).toContain(await historyRows(page).count());

  for (const [name, param, days] of [
    [/^1M/, "1m", [29, 30]],
    [/^1Y/, "1y", [364, 365]],
    [/^All/, "all", [366]],
  ] as const) {
    await ranges.getByRole("link", { name }).click();
    await expect(page).toHaveURL(new RegExp(`\\?range=${param}#balance-history$`));
    await expect(ranges.getByRole("link", { name })).toHaveAttribute("aria-current", "true");
    await openHistoryTable(page);
    expect(days).toContain(await historyRows(page).count());
    // Newest first, each with a current and an available amount.
    await expect(historyRows(page).first().locator("td")).toHaveText([
      /^-?\$[\d,]+\.\d{2}$/,
      /^-?\$[\d,]+\.\d{2}$/,
      /^(Bank|Transactions)$/,
    ]);
  }
  // The range is in the URL: loading it afresh shows the same range.
  await page.reload();
  await expect(ranges.getByRole("link", { name: /^All \(/ })).toHaveAttribute("aria-current", "true");
  expect(errors).toEqual([]);
});

test("transactions page forward and back, and search by merchant with % taken literally", async ({ page }) => {
  await openChecking(page);
  const total = await transactionTotal(page);
  expect(total).toBeGreaterThan(50);
  await expect(transactionRows(page)).toHaveCount(25);
  const firstPage = await transactionRows(page).allTextContents();

  const pages = page.getByRole("navigation", { name: "Transaction pages" });
  await pages.getByRole("link", { name: "Older transactions" }).click();
  await expect(page).toHaveURL(/after=\d{4}-\d{2}-\d{2}_[0-9a-f-]{36}#transactions$/);
  await expect(transactionRows(page)).toHaveCount(25);
  const secondPage = await transactionRows(page).allTextContents();
  expect(secondPage.filter((row) => firstPage.includes(row))).toEqual([]);
  await pages.getByRole("link", { name: "Newer transactions" }).click();
  await expect(page).toHaveURL(/before=/);
  await expect(transactionRows(page)).toHaveText(firstPage);
  // The first page has nothing newer.
  await expect(pages.getByRole("link", { name: "Newer transactions" })).toHaveCount(0);

  const search = page.getByRole("searchbox", { name: "Search transactions" });
  await search.fill("Starbucks");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/[?&]q=Starbucks/);
  await expect(main(page).getByText(/transactions? matching “Starbucks”/)).toBeVisible();
  const matches = await transactionTotal(page);
  expect(matches).toBeGreaterThan(0);
  expect(matches).toBeLessThan(total);
  for (const row of await transactionRows(page).allTextContents()) expect(row).toMatch(/starbucks/i);

  await search.fill("%");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(main(page).getByText("0 transactions matching “%”")).toBeVisible();
  await expect(main(page).getByText("No transactions match this search.")).toBeVisible();

  await page.getByRole("link", { name: "Clear search" }).click();
  await expect(search).toHaveValue("");
  expect(await transactionTotal(page)).toBe(total);
});

test("details the bank keeps and the account's sync history", async ({ page }) => {
  await openChecking(page);
  const details = page.getByRole("region", { name: "Details" });
  for (const [label, value] of [
    ["Interest rate", "0.01%"],
    ["Minimum balance", "$0.00"],
    ["Monthly fee", "$0.00"],
    ["Account number", "••••0000"],
    ["Routing number", "•••••0021"],
    ["Notes", "Payroll lands here; rent, utilities and the card autopay go out."],
  ] as const) {
    await expect(details.getByText(label, { exact: true }).locator("xpath=following-sibling::dd")).toHaveText(value);
  }
  await expect(details.getByRole("list", { name: "Tags" }).getByRole("listitem")).toHaveText(["everyday", "bills"]);

  const syncs = page.getByRole("region", { name: "Sync history" });
  const entries = syncs.getByRole("list", { name: "Sync history" }).getByRole("listitem");
  await expect(entries).toHaveCount(20);
  await expect(entries.first()).toContainText(/sync · (whole connection|this account)/);
  await expect(entries.first()).toContainText(/\d+ added, \d+ updated, \d+ removed/);
  await syncs.getByRole("link", { name: "Show all syncs" }).click();
  await expect(page).toHaveURL(/syncs=all/);
  expect(await entries.count()).toBeGreaterThan(20);
  // The outage of First Platypus Bank 23–24 days ago, with its error.
  await expect(entries.filter({ hasText: "INSTITUTION_DOWN" }).first()).toContainText("Failed");
  await expect(entries.filter({ hasText: "INSTITUTION_DOWN" }).first()).toContainText("is not responding");
});

test("the transactions and the balance history download as CSV", async ({ page }) => {
  await openChecking(page);
  const total = await transactionTotal(page);
  const transactions = await downloadText(page, "Download transactions (CSV)");
  expect(transactions.filename).toMatch(/^plaid-checking-0000-transactions-\d{4}-\d{2}-\d{2}\.csv$/);
  expect(transactions.lines[0]).toBe(
    "date,authorized_date,name,merchant_name,amount,currency,pending,category,category_detailed,payment_channel,transaction_id",
  );
  expect(transactions.lines).toHaveLength(total + 1);
  expect(transactions.lines[1]).toMatch(/^\d{4}-\d{2}-\d{2},(\d{4}-\d{2}-\d{2})?,.*,-?\d+\.\d{2},USD,(true|false),/);

  await page.getByRole("link", { name: /^All \(/ }).click();
  await expect(page).toHaveURL(/range=all/);
  const balances = await downloadText(page, "Download balance history (CSV)");
  expect(balances.filename).toMatch(/^plaid-checking-0000-balances-\d{4}-\d{2}-\d{2}\.csv$/);
  expect(balances.lines[0]).toBe("date,current,available,currency,current_source");
  expect(balances.lines).toHaveLength(366 + 1);
  expect(balances.lines[1]).toMatch(/^\d{4}-\d{2}-\d{2},-?\d+\.\d{2},-?\d+\.\d{2},USD,(bank|transactions)$/);

  await page.getByRole("searchbox", { name: "Search transactions" }).fill("Starbucks");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(main(page).getByText(/transactions? matching “Starbucks”/)).toBeVisible();
  const matches = await transactionTotal(page);
  const matching = await downloadText(page, "Download matching transactions (CSV)");
  expect(matching.lines).toHaveLength(matches + 1);
});

test("a search or range that cannot be used is refused with a message, before any download starts", async ({
  page,
}) => {
  const path = await openChecking(page);
  // The audit's NUL byte cut the CSV after its header; a direction override and an unknown range too.
  const cases: [string, string][] = [
    ["%00", "Remove the control characters (like a tab, a line break or a NUL byte) from the search."],
    ["abc%E2%80%AE", "Remove the text-direction override characters from the search."],
  ];
  for (const [query, message] of cases) {
    const refused = await page.request.get(`${path}/transactions.csv?q=${query}`);
    expect(refused.status()).toBe(400);
    expect(await refused.text()).toBe(message);
    // The page says so at the search box, and shows every transaction.
    await page.goto(`${path}?q=${query}`);
    await expect(page.locator("#transaction-search-error")).toHaveText(message);
    await expect(page.getByRole("searchbox", { name: "Search transactions" })).toHaveAttribute("aria-invalid", "true");
    await expect(main(page).getByText(/^\d[\d,]* transactions?$/)).toBeVisible();
  }
  const range = await page.request.get(`${path}/balances.csv?range=7y`);
  expect(range.status()).toBe(400);
  expect(await range.text()).toBe('Unknown range "7y": use 1m, 3m, 1y, all.');
});

async function otherUser(browser: Browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signUp(page);
  return { context, page };
}

test("another user, or a malformed id, gets the not-found page, and no CSV", async ({ page, browser }) => {
  const path = await openChecking(page);
  const stranger = await otherUser(browser);
  try {
    const response = await stranger.page.goto(path);
    expect(response?.status()).toBe(404);
    await expect(stranger.page.getByRole("heading", { name: "Account not found" })).toBeVisible();
    await expect(stranger.page.getByText("Plaid Checking")).toHaveCount(0);
    for (const file of ["transactions.csv", "balances.csv"]) {
      expect((await stranger.page.request.get(`${path}/${file}`)).status()).toBe(404);
    }
    expect((await stranger.page.goto("/accounts/not-an-id"))?.status()).toBe(404);
    expect((await stranger.page.request.get("/accounts/not-an-id/transactions.csv")).status()).toBe(404);
  } finally {
    await stranger.context.close();
  }
  // Without a session the CSV is refused outright.
  const anonymous = await browser.newContext();
  const response = await anonymous.request.get(`${test.info().project.use.baseURL}${path}/transactions.csv`, {
    maxRedirects: 0,
  });
  expect([302, 307, 401]).toContain(response.status());
  await anonymous.close();
});

test("screenshots of the account page, light, dark and on a phone", async ({ page }, testInfo) => {
  await openChecking(page);
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    await page.reload();
    await expect(page.getByRole("application", { name: "Balance history chart" })).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath(`account-${colorScheme}.png`), fullPage: true });
  }
  await page.emulateMedia({ colorScheme: "light" });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Everyday" })).toBeInViewport();
  await expect(page.getByRole("application", { name: "Balance history chart" })).toBeVisible();
  // Nothing wider than the phone: no sideways scrolling.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.screenshot({ path: testInfo.outputPath("account-phone.png"), fullPage: true });
});
