// A card's terms from Plaid's Liabilities on its account page: link First Platypus Bank, open the
// credit card and see the APR, minimum payment and due date the emulator's /liabilities/get gives; the
// bank receives a payment (LIABILITIES DEFAULT_UPDATE), and after the sync it causes the page shows it.
// The section holds to WCAG 2.2 AA and fits a 390 px phone.
import { expect, type Page, test } from "@playwright/test";
import { axeFindings, sidewaysOverflow, smallTargets } from "./support/a11y";
import { signUp } from "./support/auth";
import { EMULATOR_KEYS } from "./support/emulator-keys";
import { currentUserId, linkBank, listItems, PLATYPUS } from "./support/plaid-link";

// The first sync (about 1,900 transactions) ends with the liabilities, on a machine shared with other work.
const FIRST_SYNC_TIMEOUT = 120_000;
// A page on a busy machine.
const PAGE_TIMEOUT = 30_000;

type Card = {
  account_id: string;
  aprs: { apr_type: string; apr_percentage: number }[];
  minimum_payment_amount: number;
  next_payment_due_date: string;
  last_payment_amount: number | null;
};

async function emulator<T>(page: Page, path: string, body: object): Promise<T> {
  const response = await page.request.post(`/api/plaid-emulator/${path}`, { data: { ...EMULATOR_KEYS, ...body } });
  expect(response.ok(), `${path}: ${response.status()} ${await response.text()}`).toBe(true);
  return (await response.json()) as T;
}

const usd = (amount: number) => new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" }).format(amount);

test("the credit card's page shows its APR, minimum payment and due date, and a new payment after the bank's update", async ({
  page,
}, testInfo) => {
  test.setTimeout(2 * FIRST_SYNC_TIMEOUT + 120_000);
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  await signUp(page, { timeout: PAGE_TIMEOUT });
  await linkBank(page);
  await expect(page.getByRole("region", { name: PLATYPUS })).toBeVisible({ timeout: PAGE_TIMEOUT });
  const [item] = await listItems(page, await currentUserId(page));
  if (!item) throw new Error("no item at the emulator");

  await page.getByRole("link", { name: "Plaid Credit Card" }).first().click();
  await expect(page.getByRole("heading", { name: "Plaid Credit Card", level: 1 })).toBeVisible({
    timeout: PAGE_TIMEOUT,
  });
  const credit = page.getByRole("region", { name: "Credit" });
  // The section appears once the first sync has read /liabilities/get.
  await expect(async () => {
    await page.reload();
    await expect(credit).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: FIRST_SYNC_TIMEOUT, intervals: [3_000] });

  const { liabilities } = await emulator<{ liabilities: { credit: Card[] } }>(page, "emulator/items/liabilities/get", {
    item_id: item.item_id,
  });
  const card = liabilities.credit[0] as Card;
  const purchaseApr = card.aprs.find((apr) => apr.apr_type === "purchase_apr")?.apr_percentage;
  // A term's value: the dd beside its dt.
  const row = (label: string) => credit.locator(`dt:text-is("${label}") + dd`);
  await expect(row("APR")).toHaveText(`${purchaseApr}%`);
  await expect(row("Credit limit")).toHaveText(usd(2000));
  await expect(row("Minimum payment due")).toHaveText(usd(card.minimum_payment_amount));
  await expect(row("Due date").locator("time")).toHaveAttribute("datetime", card.next_payment_due_date);
  await expect(row("Due date")).not.toContainText("Overdue");
  await page.screenshot({ path: testInfo.outputPath("credit-section.png"), fullPage: true });

  // The bank receives a payment and tells the app (LIABILITIES DEFAULT_UPDATE): a sync reads it again.
  const payment = 42.42;
  const paid = await emulator<{ webhook_fired: boolean; updated_fields: string[] }>(
    page,
    "emulator/items/liabilities/update",
    { item_id: item.item_id, account_id: card.account_id, payment_amount: payment },
  );
  expect(paid.webhook_fired).toBe(true);
  expect(paid.updated_fields).toContain("last_payment_amount");
  const today = new Date().toISOString().slice(0, 10);
  await expect(async () => {
    await page.reload();
    await expect(row("Last payment")).toContainText(usd(payment), { timeout: 5_000 });
  }).toPass({ timeout: FIRST_SYNC_TIMEOUT, intervals: [3_000] });
  await expect(row("Last payment").locator("time")).toHaveAttribute("datetime", today);

  for (const { colorScheme, width, height } of [
    { colorScheme: "light", width: 1280, height: 800 },
    { colorScheme: "dark", width: 390, height: 844 },
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.emulateMedia({ colorScheme });
    await page.reload();
    await expect(credit).toBeVisible({ timeout: PAGE_TIMEOUT });
    await expect(page.locator('[aria-busy="true"]')).toHaveCount(0, { timeout: PAGE_TIMEOUT });
    expect.soft(await axeFindings(page), `axe findings, ${colorScheme} ${width}px`).toEqual([]);
    expect.soft(await smallTargets(page), `small targets, ${width}px`).toEqual([]);
    expect.soft(await sidewaysOverflow(page), `sideways scroll, ${width}px`).toBe(0);
  }
  expect(errors).toEqual([]);
});
