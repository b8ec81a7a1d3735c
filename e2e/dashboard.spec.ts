// The accounts dashboard as the seeded VIEWER sees it (two institutions, ten accounts, one hidden), and
// as a person who has linked nothing yet sees it.
import { expect, type Locator, type Page, test } from "@playwright/test";
import { signIn, signUp, VIEWER } from "./support/auth";

const PLATYPUS = "First Platypus Bank";
const TATTERSALL = "Tattersall Federal Credit Union";
const KIND = /^(Depository|Investment|Other|Credit|Loan)\b/;

/** "$1,234.56" or "-$12.00" in whole cents, so sums in the test are exact. */
function toCents(text: string | null): number {
  const match = text?.match(/(-?)\$([\d,]+)\.(\d{2})/);
  if (!match) throw new Error(`No dollar amount in ${JSON.stringify(text)}`);
  const [, sign, dollars = "", cents = ""] = match;
  return (sign ? -1 : 1) * (Number(dollars.replaceAll(",", "")) * 100 + Number(cents));
}

async function rowFigures(row: Locator) {
  const kind = (await row.getByText(KIND).textContent())?.match(KIND)?.[1];
  const current = toCents(await row.getByText(/^Current balance -?\$/).textContent());
  return { kind, current };
}

function total(page: Page, label: string) {
  return page.getByRole("region", { name: "Totals" }).getByRole("term").filter({ hasText: label }).locator("+ dd");
}

async function openDashboard(page: Page) {
  await signIn(page, VIEWER);
  await expect(page).toHaveURL(/\/accounts$/);
  await expect(page).toHaveTitle("Accounts · Mingus");
  await expect(page.getByRole("heading", { level: 1, name: "Accounts" })).toBeVisible();
}

test("accounts are grouped by institution, with aliases in place of bank names", async ({ page }) => {
  await openDashboard(page);
  const platypus = page.getByRole("region", { name: PLATYPUS });
  const tattersall = page.getByRole("region", { name: TATTERSALL });
  const links = (region: Locator) => region.getByRole("listitem").getByRole("link");

  await expect(links(platypus)).toHaveText([
    "Everyday",
    "Rainy day fund",
    "Plaid IRA",
    "Travel card",
    "Plaid Student Loan",
  ]);
  await expect(links(tattersall)).toHaveText(["Plaid CD", "Plaid Money Market", "Plaid 401k", "Plaid Mortgage"]);
  // The bank's own name stays beside the alias, with the type, subtype and mask.
  const everyday = platypus.getByRole("listitem").filter({ has: page.getByRole("link", { name: "Everyday" }) });
  await expect(everyday).toContainText("Plaid Checking · Depository · checking · •••• 0000");
  await expect(platypus.getByText(/^Synced .+ ago$/).first()).toBeVisible();
  const card = platypus.getByRole("listitem").filter({ has: page.getByRole("link", { name: "Travel card" }) });
  await expect(card).toContainText(/\$[\d,]+\.\d{2} of \$[\d,]+\.\d{2} used/);
  // The hidden account is in neither group.
  await expect(page.getByRole("region", { name: TATTERSALL }).getByText("Plaid Escrow")).toHaveCount(0);
});

test("totals add up the visible accounts and leave the hidden one out", async ({ page }) => {
  await openDashboard(page);
  const rows = page.getByRole("region", { name: new RegExp(`^(${PLATYPUS}|${TATTERSALL})$`) }).getByRole("listitem");
  await expect(rows).toHaveCount(9);
  let assets = 0;
  let liabilities = 0;
  for (const row of await rows.all()) {
    const { kind, current } = await rowFigures(row);
    if (kind === "Credit" || kind === "Loan") liabilities += current;
    else assets += current;
  }
  expect(toCents(await total(page, "Assets").textContent())).toBe(assets);
  expect(toCents(await total(page, "Liabilities").textContent())).toBe(liabilities);
  expect(toCents(await total(page, "Net worth").textContent())).toBe(assets - liabilities);

  // The hidden escrow account holds money, so counting it would have changed the assets.
  await page.locator("summary", { hasText: "Hidden accounts" }).click();
  const escrow = page.getByRole("listitem").filter({ has: page.getByRole("link", { name: "Condo escrow" }) });
  expect((await rowFigures(escrow)).current).not.toBe(0);
});

test("the hidden accounts toggle reveals the hidden account", async ({ page }) => {
  await openDashboard(page);
  const escrowLink = page.getByRole("link", { name: "Condo escrow" });
  await expect(escrowLink).toBeHidden();
  const toggle = page.locator("summary", { hasText: "Hidden accounts" });
  await expect(toggle).toContainText("1");
  await toggle.focus();
  await page.keyboard.press("Enter");
  await expect(escrowLink).toBeVisible();
  const escrow = page.getByRole("listitem").filter({ has: escrowLink });
  await expect(escrow).toContainText(`${TATTERSALL} · Plaid Escrow · Other · •••• 9999`);
  await expect(page.getByText("Hidden accounts are not counted in your totals.")).toBeVisible();
});

test("each account links to its own page", async ({ page }) => {
  await openDashboard(page);
  const link = page.getByRole("link", { name: "Rainy day fund" });
  const href = await link.getAttribute("href");
  expect(href).toMatch(/^\/accounts\/[0-9a-f-]{36}$/);
  await link.click();
  await expect(page).toHaveURL(new RegExp(`${href}$`));
});

test("someone with no linked bank is invited to link one", async ({ page }) => {
  await signUp(page);
  await expect(page.getByRole("heading", { name: "No banks linked yet" })).toBeVisible();
  await expect(page.getByText(/Link your first bank/)).toBeVisible();
  await expect(page.getByRole("region", { name: "Totals" })).toHaveCount(0);
  await page.screenshot({ path: test.info().outputPath("accounts-empty.png"), fullPage: true });
});

test("screenshots of the dashboard: light, dark and phone", async ({ page }, testInfo) => {
  const errors: string[] = [];
  page.on("console", (message) => message.type() === "error" && errors.push(message.text()));
  page.on("pageerror", (error) => errors.push(error.message));
  await openDashboard(page);
  await page.locator("summary", { hasText: "Hidden accounts" }).click();
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    await page.screenshot({ path: testInfo.outputPath(`dashboard-${colorScheme}.png`), fullPage: true });
  }
  await page.emulateMedia({ colorScheme: "light" });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/accounts");
  await page.locator("summary", { hasText: "Hidden accounts" }).click();
  await page.evaluate(() => window.scrollTo(0, 0));
  await expect(page.getByRole("heading", { level: 1, name: "Accounts" })).toBeInViewport();
  // Nothing spills sideways on a phone.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.screenshot({ path: testInfo.outputPath("dashboard-phone.png"), fullPage: true });
  expect(errors).toEqual([]);
});
