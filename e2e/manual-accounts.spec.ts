// A manual account end to end in Chromium: added by hand, listed with its badge, a CSV statement
// imported through the column mapping and its preview, the summary, and the transactions on its page.
import { expect, test } from "@playwright/test";
import { signUp } from "./support/auth";
import { addManualAccount, MANUAL_NAME, previewStatement } from "./support/manual-accounts";

test("add a manual account and import a CSV statement through the mapping step", async ({ page }) => {
  test.setTimeout(120_000);
  await signUp(page);
  const href = await addManualAccount(page);
  await expect(page.getByText("Manual", { exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Sync now" })).toHaveCount(0);

  await page.goto("/accounts");
  const group = page.getByRole("region", { name: "Manual accounts" });
  await expect(group.getByRole("link", { name: MANUAL_NAME })).toBeVisible();
  await expect(group.getByText("Manual", { exact: true })).toBeVisible();
  await expect(group.getByText("$250.00")).toBeVisible();

  await page.goto(href);
  await page.getByRole("link", { name: "Import statement" }).click();
  await previewStatement(page);
  // The guessed mapping: the amount column is signed, positive money in.
  await expect(page.getByLabel("Date", { exact: true })).toHaveValue("0");
  await expect(page.getByLabel("Date format")).toHaveValue("MM/DD/YYYY");
  const preview = page.getByRole("table", { name: "Transactions to import" });
  await expect(preview.getByRole("row")).toHaveCount(5);
  await expect(preview.getByRole("row", { name: /Paycheck/ })).toContainText("$1,500.00");

  // Changing the mapping changes the preview: positive now means money out.
  await page.getByLabel("A positive amount is").selectOption("out");
  await page.getByRole("button", { name: "Update preview" }).click();
  await expect(preview.getByRole("row", { name: /Paycheck/ })).toContainText("-$1,500.00");
  await page.getByLabel("A positive amount is").selectOption("in");
  await page.getByRole("button", { name: "Update preview" }).click();
  await expect(preview.getByRole("row", { name: /Paycheck/ })).not.toContainText("-$1,500.00");

  await page.getByRole("button", { name: "Import 4 transactions" }).click();
  const summary = page.getByRole("region", { name: "Import finished" });
  // Two market visits on the 3rd are two purchases: nothing in the file is already in the account.
  await expect(summary).toContainText("Imported 4, skipped 0 duplicates.", { timeout: 15_000 });

  // The same statement again: every line is already there.
  await previewStatement(page);
  await page.getByRole("button", { name: "Import 4 transactions" }).click();
  await expect(summary).toContainText("Imported 0, skipped 4 duplicates.", { timeout: 15_000 });

  await summary.getByRole("link", { name: "See the transactions" }).click();
  await expect(page.getByRole("heading", { name: MANUAL_NAME, level: 1 })).toBeVisible();
  await expect(page.getByText("Paycheck")).toBeVisible();
  await expect(page.getByText("Farmers market")).toHaveCount(3);
  // The balance moved with the statement: 250.00 − 3 × 23.40 + 1,500.00, and the days since the
  // opening balance are calculated from the transactions.
  await expect(page.getByText("$1,679.80").first()).toBeVisible();
  await page.goto(`${href}?range=1m#balance-history`);
  await expect(page.getByRole("figure", { name: /Current balance/ })).toContainText(
    /\d+ of the \d+ days are calculated from transactions/,
  );
});

test("a statement with a bad row is refused and imports nothing", async ({ page }) => {
  test.setTimeout(120_000);
  await signUp(page);
  const href = await addManualAccount(page);
  await page.goto(`${href}/import`);
  await previewStatement(page, "Posted,Details,Amount\n11/03/2026,Tea,-3.00\n");
  await expect(page.getByRole("button", { name: "Import 1 transaction" })).toBeVisible();
  // Another file chosen: it is not the one previewed, so nothing can be imported until it is read.
  await page.getByLabel("Statement file").setInputFiles({
    name: "bad.csv",
    mimeType: "text/csv",
    buffer: Buffer.from("Posted,Details,Amount\n11/03/2026,Tea,lots\n"),
  });
  await expect(page.getByRole("button", { name: /^Import \d/ })).toHaveCount(0);
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByRole("alert").filter({ hasText: 'column "Amount": "lots" is not an amount' })).toBeVisible({
    timeout: 15_000,
  });
  await expect(page.getByRole("button", { name: /^Import \d/ })).toHaveCount(0);
  await page.goto(href);
  await expect(page.getByText("Tea")).toHaveCount(0);
});
