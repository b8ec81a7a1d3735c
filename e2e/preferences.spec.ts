// Settings as the seeded EDITOR changes them: an account's alias, colour and hidden flag, alerts that
// inherit or override, refused input, and display preferences seen on the accounts page. Each test puts
// back what it changed, so the others (and other specs) see the seeded EDITOR.
import { expect, type Page, test } from "@playwright/test";
import { EDITOR, formAlert, signIn, signOut, signUp } from "./support/auth";

const TATTERSALL = "Tattersall Federal Credit Union";

/** Opens an account's settings from /settings; returns its URL. */
async function openAccountSettings(page: Page, name: string | RegExp) {
  await page.goto("/settings");
  await page.getByRole("navigation", { name: "Account settings" }).getByRole("link", { name }).click();
  await expect(page).toHaveURL(/\/accounts\/[0-9a-f-]{36}\/settings$/);
  await expect(page.getByRole("heading", { level: 1, name: /^Settings for / })).toBeVisible();
  return page.url();
}

async function save(page: Page, button = "Save settings") {
  await page.getByRole("button", { name: button }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
}

test.beforeEach(async ({ page }) => {
  await signIn(page, EDITOR);
  await expect(page).toHaveURL(/\/accounts$/);
});

test("an alias and a colour set on an account show on the accounts page", async ({ page }) => {
  const url = await openAccountSettings(page, /^Plaid Money Market/);
  await page.getByRole("textbox", { name: "Alias" }).fill("House fund");
  await page.getByRole("textbox", { name: "Colour", exact: true }).fill("#6a1b9a");
  await save(page);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Settings for House fund");

  await page.goto("/accounts");
  const group = page.getByRole("region", { name: TATTERSALL });
  await expect(group.getByRole("link", { name: "House fund" })).toBeVisible();
  const row = group.getByRole("listitem").filter({ has: page.getByRole("link", { name: "House fund" }) });
  await expect(row).toContainText("Plaid Money Market");
  await expect(row.locator("span[style]").first()).toHaveCSS("background-color", "rgb(106, 27, 154)");

  await page.goto(url);
  await expect(page.getByRole("textbox", { name: "Colour", exact: true })).toHaveValue("#6A1B9A");
  await page.getByRole("textbox", { name: "Alias" }).fill("");
  await page.getByRole("textbox", { name: "Colour", exact: true }).fill("");
  await save(page);
  await page.goto("/accounts");
  await expect(
    page.getByRole("region", { name: TATTERSALL }).getByRole("link", { name: "Plaid Money Market" }),
  ).toBeVisible();
});

test("a hidden account leaves the main list for Hidden accounts", async ({ page }) => {
  const url = await openAccountSettings(page, /^Plaid CD/);
  await page.getByRole("checkbox", { name: "Hide this account" }).check();
  await save(page);

  await page.goto("/accounts");
  await expect(page.getByRole("region", { name: TATTERSALL }).getByRole("link", { name: "Plaid CD" })).toHaveCount(0);
  const hidden = page.locator("summary", { hasText: "Hidden accounts" });
  await expect(hidden).toContainText("2");
  await hidden.click();
  await expect(page.getByRole("link", { name: "Plaid CD" })).toBeVisible();

  await page.goto(url);
  await page.getByRole("checkbox", { name: "Hide this account" }).uncheck();
  await save(page);
  await page.goto("/accounts");
  await expect(page.getByRole("region", { name: TATTERSALL }).getByRole("link", { name: "Plaid CD" })).toBeVisible();
});

test("a low-balance alert set globally, overridden on one account, with other fields inherited", async ({ page }) => {
  await page.goto("/settings");
  await page.getByRole("checkbox", { name: "Low balance alert" }).check();
  await page.getByRole("textbox", { name: "Low balance threshold" }).fill("250");
  await save(page, "Save preferences");

  const url = await openAccountSettings(page, /^Plaid 401k/);
  const threshold = page.getByRole("textbox", { name: "Low balance threshold" });
  await expect(threshold).toBeDisabled();
  await expect(threshold).toHaveValue("250.00");
  await expect(threshold).toHaveAccessibleDescription("Inherited from your defaults: $250.00");
  const alert = page.getByRole("combobox", { name: "Low balance alert" });
  await expect(alert).toHaveValue("inherit");
  await expect(alert.locator("option:checked")).toHaveText("Inherit (On)");

  await page.getByRole("checkbox", { name: "Override low balance threshold" }).check();
  await threshold.fill("75");
  await page.getByRole("combobox", { name: "Push" }).selectOption("On");
  await save(page);

  await page.reload();
  await expect(threshold).toBeEnabled();
  await expect(threshold).toHaveValue("75.00");
  await expect(threshold).toHaveAccessibleDescription("Set on this account");
  await expect(page.getByRole("combobox", { name: "Push" })).toHaveAccessibleDescription("Set on this account");
  // Another field, never touched here, still follows the defaults.
  const email = page.getByRole("combobox", { name: "Email" });
  await expect(email).toHaveValue("inherit");
  await expect(email).toHaveAccessibleDescription("Inherited from your defaults: On");
  await expect(page.getByRole("combobox", { name: "SMS" })).toHaveAccessibleDescription(
    "Inherited from your defaults: Off",
  );

  await page.getByRole("button", { name: "Reset all to inherited" }).click();
  await expect(threshold).toBeDisabled();
  await expect(page.getByRole("combobox", { name: "Push" })).toHaveValue("inherit");
  await save(page);
  await page.goto(url);
  await expect(threshold).toHaveAccessibleDescription("Inherited from your defaults: $250.00");

  await page.goto("/settings");
  await page.getByRole("textbox", { name: "Low balance threshold" }).fill("500.00");
  await save(page, "Save preferences");
});

test("invalid input shows each field's message and changes nothing", async ({ page }) => {
  const url = await openAccountSettings(page, /^Plaid IRA/);
  const alias = page.getByRole("textbox", { name: "Alias" });
  const colour = page.getByRole("textbox", { name: "Colour", exact: true });
  const threshold = page.getByRole("textbox", { name: "Balance threshold", exact: true });
  await alias.fill("a".repeat(65));
  await colour.fill("#12345");
  await page.getByRole("checkbox", { name: "Override balance threshold" }).check();
  await threshold.fill("-5");
  await page.getByRole("textbox", { name: "Notes" }).fill("This note must not be saved.");
  await page.getByRole("button", { name: "Save settings" }).click();

  await expect(formAlert(page)).toHaveText("Nothing was saved. Check the highlighted fields.");
  await expect(alias).toHaveAccessibleDescription(/Use at most 64 characters \(this one has 65\)\./);
  await expect(alias).toHaveAttribute("aria-invalid", "true");
  await expect(alias).toBeFocused();
  await expect(colour).toHaveAccessibleDescription(/Enter a hex colour: # and six digits/);
  await expect(threshold).toHaveAccessibleDescription(/Enter an amount of zero or more\./);

  await page.goto(url);
  await expect(alias).toHaveValue("");
  await expect(colour).toHaveValue("");
  await expect(page.getByRole("checkbox", { name: "Override balance threshold" })).not.toBeChecked();
  await expect(page.getByRole("textbox", { name: "Notes" })).toHaveValue("Roth IRA in a target-date 2055 fund.");

  await page.goto("/settings");
  const currency = page.getByRole("combobox", { name: "Display currency" });
  await currency.fill("usd");
  await page.getByRole("button", { name: "Save preferences" }).click();
  await expect(currency).toHaveAccessibleDescription(/Enter a three-letter ISO 4217 code in capitals/);
  await page.reload();
  // Nothing was saved: still the seed's display currency.
  await expect(currency).toHaveValue("USD");
});

test("date, time and balance display preferences apply on the accounts page", async ({ page }) => {
  await page.goto("/settings");
  await page.getByRole("combobox", { name: "Date format" }).selectOption("yyyy-MM-dd");
  await page.getByRole("combobox", { name: "Time format" }).selectOption("24h");
  await page.getByRole("checkbox", { name: "Show balances" }).uncheck();
  await save(page, "Save preferences");
  const preview = page.getByRole("region", { name: "Preview" });
  await expect(preview).toContainText("2026-01-31");
  await expect(preview).toContainText("15:45");
  await expect(preview).toContainText("••••••");

  await page.goto("/accounts");
  const totals = page.getByRole("region", { name: "Totals" });
  await expect(totals).toContainText("••••••");
  await expect(totals).not.toContainText("$");

  await page.goto("/settings");
  await page.getByRole("combobox", { name: "Date format" }).selectOption("MMM d, yyyy");
  await page.getByRole("combobox", { name: "Time format" }).selectOption("12h");
  await page.getByRole("checkbox", { name: "Show balances" }).check();
  await save(page, "Save preferences");
  await expect(preview).toContainText("Jan 31, 2026");
  await expect(preview).toContainText("3:45 PM");
  await page.goto("/accounts");
  await expect(page.getByRole("region", { name: "Totals" })).toContainText("$");
});

test("someone else opening EDITOR's account settings gets the not-found page", async ({ page }) => {
  const url = await openAccountSettings(page, /^Everyday/);
  await signOut(page);
  await signUp(page);
  await page.goto(url);
  await expect(page.getByRole("heading", { level: 1, name: "Account not found" })).toBeVisible();
  await expect(page.locator('meta[name="robots"]').first()).toHaveAttribute("content", /noindex/);
  await expect(page.getByText(/Everyday|Plaid Checking/)).toHaveCount(0);
  await expect(page.getByRole("textbox", { name: "Alias" })).toHaveCount(0);
});

test("screenshots of both settings pages: light, dark and phone", async ({ page }, testInfo) => {
  const url = await openAccountSettings(page, /^Everyday/);
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    await page.goto("/settings");
    await page.screenshot({ path: testInfo.outputPath(`settings-${colorScheme}.png`), fullPage: true });
    await page.goto(url);
    await page.screenshot({ path: testInfo.outputPath(`account-settings-${colorScheme}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(url);
  await page.getByRole("textbox", { name: "Colour", exact: true }).fill("#12345");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(formAlert(page)).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("account-settings-phone.png"), fullPage: true });
  await page.goto("/settings");
  await expect(page.getByRole("heading", { level: 1, name: "Settings" })).toBeInViewport();
  await page.screenshot({ path: testInfo.outputPath("settings-phone.png"), fullPage: true });
});
