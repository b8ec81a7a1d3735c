// Adding a manual account and choosing a statement file through the real pages.
import { expect, type Page } from "@playwright/test";

export const MANUAL_NAME = "Cash box";

export const STATEMENT_CSV = [
  "Posted,Details,Amount",
  "11/03/2026,Farmers market,-23.40",
  '11/04/2026,Paycheck,"1,500.00"',
  "11/05/2026,Farmers market,-23.40",
  "11/03/2026,FARMERS  MARKET,-23.40",
].join("\n");

/** Adds the account from the accounts page and returns its address (/accounts/<id>). */
export async function addManualAccount(page: Page, name = MANUAL_NAME): Promise<string> {
  await page.goto("/accounts");
  await page.getByRole("link", { name: "Add a manual account" }).first().click();
  await expect(page.getByRole("heading", { name: "Add a manual account", level: 1 })).toBeVisible();
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Kind of account").selectOption({ label: "Depository · Savings" });
  await page.getByLabel("Currency").fill("USD");
  await page.getByLabel("Opening balance").fill("250.00");
  await page.getByLabel("Opening date").fill("2026-11-01");
  await page.getByRole("button", { name: "Add account" }).click();
  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible({ timeout: 15_000 });
  return new URL(page.url()).pathname;
}

/** Chooses the CSV on the import page and reads it: the column mapping and the preview appear. */
export async function previewStatement(page: Page, content = STATEMENT_CSV) {
  await page
    .getByLabel("Statement file")
    .setInputFiles({ name: "november.csv", mimeType: "text/csv", buffer: Buffer.from(content) });
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByRole("table", { name: "Transactions to import" })).toBeVisible({ timeout: 15_000 });
}
