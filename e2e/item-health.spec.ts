// Item health as a person sees it: after linking, the bank shows when it last updated data; when the
// bank goes quiet for days (the emulator's /emulator/items/update) and Plaid reports it DEGRADED
// (/emulator/institutions/set_status), the health check an admin runs ("Check health", the daily job's
// own check) brings the stale and trouble warnings to the accounts list and the account page. A Link
// session that fails at a troubled bank says so too.
import { type APIRequestContext, expect, type Page, test } from "@playwright/test";
import { signInAsAdmin, signUp } from "./support/auth";
import { EMULATOR_KEYS } from "./support/emulator-keys";
import {
  currentUserId,
  INVALID_CREDENTIALS,
  linkBank,
  linkDialog,
  listItems,
  openLink,
  pickInstitution,
  signInToBank,
} from "./support/plaid-link";

// A bank no other spec links, so its status changes touch no other test.
const HOUNDSTOOTH = { id: "ins_109512", name: "Houndstooth Bank" };
const DAY = 86_400_000;

async function emulator(request: APIRequestContext, path: string, body: object) {
  const response = await request.post(`/api/plaid-emulator/${path}`, { data: { ...EMULATOR_KEYS, ...body } });
  expect(response.ok(), `${path}: ${response.status()} ${await response.text()}`).toBe(true);
}

const setStatus = (request: APIRequestContext, status: string) =>
  emulator(request, "emulator/institutions/set_status", { institution_id: HOUNDSTOOTH.id, status });

// Linking, an admin's session and two health checks: more than the default 30 seconds on a busy machine.
test.describe.configure({ timeout: 180_000 });

test.afterEach(async ({ request }) => {
  await setStatus(request, "HEALTHY");
});

/** Reloads until the text shows: the health job runs in the background after a link. */
async function expectAfterReload(page: Page, check: () => Promise<void>) {
  await expect(async () => {
    await page.reload();
    await check();
  }).toPass({ timeout: 30_000 });
}

test("the bank's last update shows after linking; stale and trouble warnings after a health check", async ({
  page,
  browser,
}) => {
  const { email } = await signUp(page);
  await linkBank(page, HOUNDSTOOTH.name);
  const bank = page.getByRole("region", { name: HOUNDSTOOTH.name });
  await expect(bank).toBeVisible({ timeout: 15_000 });
  await expectAfterReload(page, async () => {
    await expect(bank.getByText(/^Bank last updated data \d+ seconds? ago$/)).toBeVisible({ timeout: 1000 });
  });
  await expect(bank.getByText(/Figures may be out of date/)).toHaveCount(0);
  await expect(bank.getByText(/having trouble/)).toHaveCount(0);

  // The bank stops updating, and Plaid reports it degraded.
  const [item] = await listItems(page, await currentUserId(page));
  if (!item) throw new Error("no item at the emulator");
  await emulator(page.request, "emulator/items/update", {
    item_id: item.item_id,
    last_successful_update: new Date(Date.now() - 5 * DAY).toISOString(),
  });
  await setStatus(page.request, "DEGRADED");

  // An admin runs the health check now (the same check the daily job runs).
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signInAsAdmin(admin);
  await admin.goto(`/admin?institution=${encodeURIComponent(HOUNDSTOOTH.name)}&user=${encodeURIComponent(email)}`);
  const name = `${HOUNDSTOOTH.name} for ${email}`;
  await admin.getByRole("button", { name: `Check health ${name}` }).click();
  await expect(admin.getByRole("status").filter({ hasText: /^Checked/ })).toBeVisible();
  await adminContext.close();

  await page.reload();
  await expect(bank.getByText("Bank last updated data 5 days ago")).toBeVisible();
  await expect(
    bank.getByText(`Figures may be out of date: ${HOUNDSTOOTH.name} has not sent new data since`),
  ).toBeVisible();
  await expect(
    bank.getByText(`${HOUNDSTOOTH.name} is having trouble right now, so updates may be late.`),
  ).toBeVisible();
  await page.screenshot({ path: test.info().outputPath("stale-and-degraded.png"), fullPage: true });

  // The account page says the same.
  await bank.getByRole("link").first().click();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByText("Bank last updated data 5 days ago")).toBeVisible();
  await expect(page.getByText(`${HOUNDSTOOTH.name} is having trouble right now`)).toBeVisible();

  // The bank recovers: the next check clears the trouble warning.
  await setStatus(page.request, "HEALTHY");
  const again = await browser.newContext();
  const adminAgain = await again.newPage();
  await signInAsAdmin(adminAgain);
  await adminAgain.goto(`/admin?institution=${encodeURIComponent(HOUNDSTOOTH.name)}&user=${encodeURIComponent(email)}`);
  await adminAgain.getByRole("button", { name: `Check health ${name}` }).click();
  await expect(adminAgain.getByRole("status").filter({ hasText: /^Checked/ })).toBeVisible();
  await again.close();
  await page.goto("/accounts");
  await expect(bank.getByText(/having trouble/)).toHaveCount(0);
  await expect(bank.getByText(/Figures may be out of date/)).toBeVisible();
});

test("a failed Link session at a troubled bank says the bank is having trouble", async ({ page }) => {
  await signUp(page);
  await setStatus(page.request, "DOWN");
  await openLink(page, "Link a bank");
  await pickInstitution(page, HOUNDSTOOTH.name);
  await signInToBank(page, { username: "user_good", password: "not-the-password" });
  const link = linkDialog(page);
  await expect(link.getByRole("alert")).toHaveText(INVALID_CREDENTIALS);
  await page.keyboard.press("Escape");
  await expect(link).toBeHidden();
  const alert = page.getByRole("main").getByRole("alert").filter({ hasText: INVALID_CREDENTIALS });
  await expect(alert).toBeVisible();
  await expect(
    alert.getByText(`${HOUNDSTOOTH.name} is having trouble right now: Plaid cannot reach it.`),
  ).toBeVisible();
});
