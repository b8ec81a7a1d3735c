// Every page held to WCAG 2.2 AA, in light and dark, at desktop width and on a 390 px phone: no axe
// finding, every control at least 24×24 px, nothing scrolling sideways; and a long account name that
// wraps between words or is cut short with the whole name in its tooltip, never split inside a word.
// Each page also works under its Content-Security-Policy: the policy is sent, and the browser reports
// no violation (a blocked script, style, image, connection or worker) while the page is used.
// A new page is one line in PAGES.
import { expect, type Page, test } from "@playwright/test";
import { axeFindings, nameLayouts, sidewaysOverflow, smallTargets } from "./support/a11y";
import { signIn, signInAsAdmin, signOut, signUp, VIEWER } from "./support/auth";
import { addManualAccount, MANUAL_NAME, previewStatement } from "./support/manual-accounts";
import { linkBank, linkDialog, PLATYPUS } from "./support/plaid-link";
import { beginTwoFactor, turnOnTwoFactor } from "./support/two-factor";

/** manual: a newcomer who has added one manual account ("Cash box"). */
type Who = "anonymous" | "viewer" | "newcomer" | "admin" | "manual";

interface PageCase {
  name: string;
  who: Who;
  /** `:account` stands for the viewer's "Everyday" account, `:manual` for the manual one. */
  path: string;
  /** The page's heading, which says it has loaded. */
  heading: string | RegExp;
  /** Brings the page into the state to check (opens a dialog, say). */
  open?: (page: Page) => Promise<void>;
  /** Once, after signing in: makes the data the page shows (links a bank, changes a setting). */
  prepare?: (page: Page) => Promise<unknown>;
}

/** Records every Content-Security-Policy violation the browser reports, on every page the test opens. */
async function collectPolicyViolations(page: Page) {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __policyViolations: string[] }).__policyViolations = seen;
    document.addEventListener("securitypolicyviolation", (event) => {
      seen.push(
        `${event.effectiveDirective} refused ${event.blockedURI || "inline"} (${event.sourceFile}:${event.lineNumber})`,
      );
    });
  });
}

function policyViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __policyViolations?: string[] }).__policyViolations ?? []);
}

async function openLinkStandIn(page: Page) {
  await page.getByRole("button", { name: "Link a bank" }).click();
  await expect(linkDialog(page).getByRole("heading", { name: /connect your bank/ })).toBeVisible();
}

async function openNetWorthTable(page: Page) {
  await page.getByText(/^Show net worth( in [A-Z]{3})? as a table/).click();
  await expect(page.getByRole("table", { name: /^Net worth( in [A-Z]{3})?, the last year$/ })).toBeVisible();
}

/** A bank linked and a display currency chosen, with no exchange rates on the server: totals say why. */
async function chooseDisplayCurrencyWithoutRates(page: Page) {
  await page.goto("/accounts");
  await linkBank(page);
  await expect(page.getByRole("region", { name: PLATYPUS })).toBeVisible({ timeout: 15_000 });
  await page.goto("/settings");
  await page.getByRole("combobox", { name: "Display currency" }).fill("EUR");
  await page.getByRole("button", { name: "Save preferences" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
}

const IMPORT_HEADING = `Import a statement into ${MANUAL_NAME}`;

/** A newcomer's Settings → Security, brought into a state by `prepare`. */
const SECURITY = { who: "newcomer", path: "/settings/security", heading: "Security" } as const;

const PAGES: PageCase[] = [
  { name: "sign in", who: "anonymous", path: "/sign-in", heading: "Sign in" },
  { name: "sign up", who: "anonymous", path: "/sign-up", heading: "Create an account" },
  { name: "sign in, session ended", who: "anonymous", path: "/sign-in?ended=1", heading: "Sign in" },
  { name: "sign in, address confirmed", who: "anonymous", path: "/sign-in?email=verified", heading: "Sign in" },
  { name: "sign in, account deleted", who: "anonymous", path: "/sign-in?deleted=1", heading: "Sign in" },
  {
    name: "confirm address, dead link",
    who: "anonymous",
    path: "/verify-email?token=x",
    heading: "Confirm your email address",
  },
  { name: "forgot password", who: "anonymous", path: "/forgot-password", heading: "Forgot your password?" },
  {
    name: "reset password, dead link",
    who: "anonymous",
    path: "/reset-password?token=x",
    heading: "Choose a new password",
  },
  { name: "accounts", who: "viewer", path: "/accounts", heading: "Accounts" },
  {
    name: "accounts, net worth as a table",
    who: "viewer",
    path: "/accounts?range=1y",
    heading: "Accounts",
    open: openNetWorthTable,
  },
  {
    name: "accounts, display currency without rates",
    who: "newcomer",
    path: "/accounts",
    heading: "Accounts",
    prepare: chooseDisplayCurrencyWithoutRates,
  },
  { name: "accounts, none linked", who: "newcomer", path: "/accounts", heading: "No banks linked yet" },
  { name: "account", who: "viewer", path: "/accounts/:account", heading: "Everyday" },
  { name: "account settings", who: "viewer", path: "/accounts/:account/settings", heading: "Settings for Everyday" },
  { name: "settings", who: "viewer", path: "/settings", heading: "Settings" },
  { name: "security", who: "viewer", path: "/settings/security", heading: "Security" },
  { name: "security, dead link", who: "viewer", path: "/settings/security?email=invalid", heading: "Security" },
  { ...SECURITY, name: "security, setting up two-factor", prepare: beginTwoFactor },
  { ...SECURITY, name: "security, two-factor on", prepare: turnOnTwoFactor },
  {
    name: "two-factor sign-in",
    who: "newcomer",
    path: "/two-factor?callbackUrl=%2Faccounts",
    heading: "Two-factor sign-in",
    // A session that waits for its code: the password was given, the code not yet.
    prepare: async (page) => {
      await turnOnTwoFactor(page);
      const email = await page
        .getByRole("banner")
        .getByText(/@e2e\.test$/)
        .textContent();
      await signOut(page);
      await signIn(page, { email: email ?? "" });
      await expect(page).toHaveURL(/\/two-factor/);
    },
  },
  { name: "notifications", who: "viewer", path: "/notifications", heading: "Notifications" },
  { name: "status", who: "viewer", path: "/status", heading: "System status" },
  { name: "OAuth return", who: "viewer", path: "/oauth-return", heading: "Finishing with your bank" },
  { name: "admin", who: "admin", path: "/admin", heading: "Admin" },
  { name: "audit log", who: "admin", path: "/admin/audit", heading: "Audit log" },
  { name: "not found", who: "viewer", path: "/no-such-page", heading: "Page not found" },
  { name: "add a manual account", who: "newcomer", path: "/accounts/new", heading: "Add a manual account" },
  { name: "accounts, manual", who: "manual", path: "/accounts", heading: "Accounts" },
  { name: "manual account", who: "manual", path: "/accounts/:manual", heading: MANUAL_NAME },
  { name: "manage manual account", who: "manual", path: "/accounts/:manual/manage", heading: `Manage ${MANUAL_NAME}` },
  { name: "import statement", who: "manual", path: "/accounts/:manual/import", heading: IMPORT_HEADING },
  {
    name: "import statement, mapping and preview",
    who: "manual",
    path: "/accounts/:manual/import",
    heading: IMPORT_HEADING,
    open: (page) => previewStatement(page),
  },
  {
    name: "import statement, summary",
    who: "manual",
    path: "/accounts/:manual/import",
    heading: IMPORT_HEADING,
    open: async (page) => {
      await previewStatement(page);
      await page.getByRole("button", { name: /^Import \d+ transactions$/ }).click();
      await expect(page.getByRole("region", { name: "Import finished" })).toBeVisible({ timeout: 15_000 });
    },
  },
  { name: "Link stand-in", who: "newcomer", path: "/accounts", heading: "No banks linked yet", open: openLinkStandIn },
];

const VARIANTS = [
  { colorScheme: "light", width: 1280, height: 800 },
  { colorScheme: "dark", width: 1280, height: 800 },
  { colorScheme: "light", width: 390, height: 844 },
  { colorScheme: "dark", width: 390, height: 844 },
] as const;

/** Signs in; for "manual", the address of the account it added. */
async function signInAs(page: Page, who: Who): Promise<string | null> {
  if (who === "manual") {
    await signUp(page);
    return addManualAccount(page);
  }
  if (who === "viewer") await signIn(page, VIEWER);
  else if (who === "newcomer") await signUp(page);
  else if (who === "admin") await signInAsAdmin(page);
  if (who !== "anonymous") await expect(page).toHaveURL(/\/accounts$/);
  return null;
}

async function accountHref(page: Page, name: string): Promise<string> {
  await page.goto("/accounts");
  const href = await page.getByRole("link", { name, exact: true }).first().getAttribute("href");
  if (!href) throw new Error(`No link to ${name}`);
  return href;
}

for (const entry of PAGES) {
  test(`${entry.name}: WCAG 2.2 AA, 24 px targets and no sideways scrolling, light and dark, desktop and phone`, async ({
    page,
  }, testInfo) => {
    test.setTimeout(120_000);
    await collectPolicyViolations(page);
    const manual = await signInAs(page, entry.who);
    await entry.prepare?.(page);
    const path = entry.path.includes(":account")
      ? entry.path.replace("/accounts/:account", await accountHref(page, "Everyday"))
      : entry.path.replace("/accounts/:manual", manual ?? "/accounts/:manual");
    for (const { colorScheme, width, height } of VARIANTS) {
      const variant = `${entry.name}, ${colorScheme}, ${width} px`;
      await page.setViewportSize({ width, height });
      await page.emulateMedia({ colorScheme });
      const response = await page.goto(path);
      expect(response?.headers()["content-security-policy"], `policy: ${variant}`).toMatch(
        /script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'.*frame-ancestors 'none'/,
      );
      await expect(page.getByRole("heading", { name: entry.heading, exact: true }).first()).toBeVisible();
      // A loading skeleton carries the page's heading too: wait until nothing on the page is still busy.
      await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
      await entry.open?.(page);
      const file = `${entry.name.replace(/\W+/g, "-")}-${colorScheme}-${width}.png`;
      await page.screenshot({ path: testInfo.outputPath(file), fullPage: true });
      expect.soft(await axeFindings(page), `axe findings: ${variant}`).toEqual([]);
      expect.soft(await smallTargets(page), `controls under 24×24 px: ${variant}`).toEqual([]);
      expect.soft(await sidewaysOverflow(page), `px scrolled sideways: ${variant}`).toBe(0);
      expect.soft(await policyViolations(page), `Content-Security-Policy violations: ${variant}`).toEqual([]);
    }
  });
}

// 64 letters without a space (the longest alias allowed), and a long name as people write them.
const UNBROKEN = "Householdemergencyfundforroofrepairsthecarandthedogsvetbills2026";
const WORDY = "Joint savings for the new roof, the car and the dog's vet bills";

async function setAlias(page: Page, accountName: string, alias: string) {
  await page.goto("/settings");
  await page.getByRole("link", { name: new RegExp(`^${accountName}`) }).click();
  await page.getByLabel("Alias").fill(alias);
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
}

test("a long account name wraps between words or is cut short with a tooltip on a phone", async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000);
  await signUp(page);
  await linkBank(page);
  // The accounts are there once the page shows the bank (the exchange ends after Link closes).
  await expect(page.getByRole("region", { name: PLATYPUS })).toBeVisible({ timeout: 15_000 });
  expect(UNBROKEN).toHaveLength(64);
  await setAlias(page, "Plaid Checking", UNBROKEN);
  await setAlias(page, "Plaid Saving", WORDY);
  await page.setViewportSize({ width: 390, height: 844 });
  // Each page with the names it shows: both in the lists, one on an account's own pages.
  const pages: [string, string[]][] = [
    ["/accounts", [UNBROKEN, WORDY]],
    ["/settings", [UNBROKEN, WORDY]],
  ];
  for (const name of [UNBROKEN, WORDY]) {
    const account = await accountHref(page, name);
    pages.push([account, [name]], [`${account}/settings`, [name]]);
  }
  for (const [index, [path, names]] of pages.entries()) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
    await page.screenshot({ path: testInfo.outputPath(`long-name-${index}.png`), fullPage: true });
    expect.soft(await sidewaysOverflow(page), `px scrolled sideways on ${path}`).toBe(0);
    for (const name of names) {
      const layouts = await nameLayouts(page, name);
      expect.soft(layouts.length, `${name} shown on ${path}`).toBeGreaterThan(0);
      for (const layout of layouts) {
        const where = `${name} in ${layout.where} on ${path}`;
        expect.soft(layout.brokenMidWord, `broken inside a word: ${where}`).toBe(false);
        if (layout.truncated) expect.soft(layout.fullNameAvailable, `cut short without a tooltip: ${where}`).toBe(true);
      }
    }
  }
});
