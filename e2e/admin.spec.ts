// The admin area: hidden from everyone else, and for an admin the seeded users' sync statistics,
// sorting, filtering, connection actions (on the EDITOR's connection) and how it looks.
import { hostname } from "node:os";
import { expect, type Page, test } from "@playwright/test";
import { axeFindings, sidewaysOverflow, smallTargets } from "./support/a11y";
import { EDITOR, signInAsAdmin, signUp, VIEWER } from "./support/auth";

const TATTERSALL = "Tattersall Federal Credit Union";

/** The Failed column of the statistics table: each institution's roll-up row, then its accounts. */
function failedByGroup(page: Page) {
  return statistics(page)
    .locator("tbody")
    .evaluateAll((groups) =>
      groups.map((group) => {
        const failed = (row: Element, index: number) =>
          Number((row.querySelectorAll("td")[index] as HTMLElement).innerText.replace(/,/g, ""));
        const [rollUp, ...accounts] = [...group.querySelectorAll("tr")];
        // After each row's header cell: Syncs, Successful, Failed.
        return { institution: rollUp ? failed(rollUp, 2) : 0, accounts: accounts.map((row) => failed(row, 2)) };
      }),
    );
}

const statistics = (page: Page) => page.getByRole("region", { name: "Sync statistics, scrollable" });
const health = (page: Page) => page.getByRole("region", { name: "Connection health, scrollable" });

test("anyone but an admin gets a 404 at /admin and no Admin link", async ({ page }) => {
  await signUp(page);
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Admin" })).toHaveCount(0);
  const response = await page.goto("/admin");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await expect(page.getByText("Sync statistics")).toHaveCount(0);
});

test("an admin sees every user's sync statistics, sorts them and filters by institution", async ({ page }) => {
  await signInAsAdmin(page);
  await page.goto("/admin");
  await expect(page.getByRole("heading", { level: 1, name: "Admin" })).toBeVisible();

  const table = statistics(page);
  for (const email of [VIEWER.email, EDITOR.email]) {
    await expect(table.getByRole("row").filter({ hasText: email }).first()).toBeVisible();
  }
  await expect(table.getByRole("rowheader", { name: new RegExp(TATTERSALL) })).toBeVisible();
  // The seeded history: about 300 finished syncs per seeded user, some of them failed.
  const users = page.getByRole("region", { name: "Users, scrollable" });
  const viewerCells = await users.getByRole("row").filter({ hasText: VIEWER.email }).getByRole("cell").allInnerTexts();
  expect(Number(viewerCells[3]?.replace(/,/g, ""))).toBeGreaterThan(200);
  expect(Number(viewerCells[4]?.replace(/,/g, ""))).toBeGreaterThan(0);

  await table.getByRole("link", { name: "Failed", exact: true }).click();
  await expect(page).toHaveURL(/sort=failed/);
  await expect(table.getByRole("columnheader", { name: "Failed", exact: true })).toHaveAttribute(
    "aria-sort",
    "descending",
  );
  const sorted = (values: number[], dir: 1 | -1) =>
    values.every((v, i) => i === 0 || dir * (v - (values[i - 1] ?? 0)) >= 0);
  const expectFailedSorted = async (dir: 1 | -1) => {
    const groups = await failedByGroup(page);
    expect(groups.length).toBeGreaterThan(1);
    expect(
      sorted(
        groups.map((group) => group.institution),
        dir,
      ),
    ).toBe(true);
    for (const group of groups) expect(sorted(group.accounts, dir)).toBe(true);
  };
  await expectFailedSorted(-1);
  await table.getByRole("link", { name: "Failed", exact: true }).click();
  await expect(table.getByRole("columnheader", { name: "Failed", exact: true })).toHaveAttribute(
    "aria-sort",
    "ascending",
  );
  await expectFailedSorted(1);

  await page.getByLabel("Institution").fill("tattersall");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/institution=tattersall/);
  await expect(table.getByRole("rowheader", { name: new RegExp(TATTERSALL) })).toBeVisible();
  await expect(table.getByText("First Platypus Bank")).toHaveCount(0);
  await expect(health(page).getByText("First Platypus Bank")).toHaveCount(0);
});

/** Opens /admin, again until the workers table shows one row of `kind` alive (a worker's first beat). */
async function openAdminWithLiveWorker(page: Page, kind: string) {
  const row = page.getByRole("region", { name: "Workers, scrollable" }).getByRole("row").filter({ hasText: kind });
  await expect(async () => {
    await page.goto("/admin");
    // The figures stream in after a loading skeleton.
    await expect(page.getByRole("heading", { level: 2, name: "Workers" })).toBeVisible({ timeout: 60_000 });
    await expect(row.filter({ hasText: "Alive" })).toHaveCount(1, { timeout: 1_000 });
  }).toPass({ timeout: 90_000 });
  return row;
}

test("an admin sees the live worker process, and no banner while it beats", async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  await signInAsAdmin(page);
  // The embedded server runs its jobs itself; beside PostgreSQL a separate `npm run worker` does (shown
  // once its first beat is in).
  const row = await openAdminWithLiveWorker(
    page,
    testInfo.project.name === "embedded" ? "Web server" : "Worker process",
  );
  await expect(row).toContainText("Alive");
  await expect(page.getByText("1 of 1 worker processes alive")).toBeVisible();
  await expect(page.getByRole("alert").filter({ hasText: "No sync worker is running." })).toHaveCount(0);
});

test("with no worker alive, health is degraded and the admin page says how to start one, accessibly", async ({
  page,
  request,
}, testInfo) => {
  test.skip(testInfo.project.name !== "postgresql", "the embedded server runs its jobs itself and cannot lose them");
  test.setTimeout(240_000);
  await signInAsAdmin(page);
  const row = await openAdminWithLiveWorker(page, "Worker process");
  // The e2e server's own `npm run worker` (on this machine): stopped cleanly, it removes its heartbeat row,
  // and e2e/support/start-server.mjs starts it again.
  expect(await row.getByRole("rowheader").innerText()).toBe(hostname());
  const pid = Number(await row.getByRole("cell").first().innerText());
  process.kill(pid, "SIGTERM");
  const health = async () => (await request.get("/api/health")).json();
  await expect.poll(async () => (await health()).status, { timeout: 30_000 }).toBe("degraded");

  await page.goto("/admin");
  const banner = page.getByRole("alert").filter({ hasText: "No sync worker is running." });
  await expect(banner).toContainText("npm run worker", { timeout: 60_000 });
  for (const { colorScheme, width } of [
    { colorScheme: "light", width: 1280 },
    { colorScheme: "dark", width: 390 },
  ] as const) {
    await page.setViewportSize({ width, height: 844 });
    await page.emulateMedia({ colorScheme });
    await page.reload();
    await expect(banner).toBeVisible({ timeout: 60_000 });
    await expect(page.locator('[aria-busy="true"]')).toHaveCount(0, { timeout: 60_000 });
    await page.screenshot({ path: testInfo.outputPath(`no-worker-${colorScheme}-${width}.png`), fullPage: true });
    expect.soft(await axeFindings(page), `axe findings, ${colorScheme}, ${width} px`).toEqual([]);
    expect.soft(await smallTargets(page), `controls under 24×24 px, ${colorScheme}, ${width} px`).toEqual([]);
    expect.soft(await sidewaysOverflow(page), `px scrolled sideways, ${colorScheme}, ${width} px`).toBe(0);
  }

  // The worker is back: health is ok again and the banner gone.
  await expect.poll(async () => (await health()).status, { timeout: 120_000 }).toBe("ok");
  await page.reload();
  await expect(page.getByRole("heading", { level: 2, name: "Workers" })).toBeVisible({ timeout: 60_000 });
  await expect(banner).toHaveCount(0);
});

test("an admin pauses and resumes the editor's connection and queues a retry", async ({ page }) => {
  await signInAsAdmin(page);
  await page.goto(`/admin?institution=${encodeURIComponent(TATTERSALL)}&user=${encodeURIComponent(EDITOR.email)}`);
  const name = `${TATTERSALL} for ${EDITOR.email}`;
  const row = health(page).getByRole("row").filter({ hasText: EDITOR.email });
  await expect(row).toHaveCount(1);

  await row.getByRole("button", { name: `Pause ${name}` }).click();
  await expect(row.getByRole("button", { name: `Resume ${name}` })).toBeVisible();
  await expect(row.getByText("Paused", { exact: true })).toBeVisible();
  await expect(row.getByRole("button", { name: `Retry sync ${name}` })).toHaveCount(0);
  await expect(row.getByText("Next not scheduled")).toBeVisible();

  await row.getByRole("button", { name: `Resume ${name}` }).click();
  await expect(row.getByRole("button", { name: `Pause ${name}` })).toBeVisible();
  await expect(row.getByText("Paused", { exact: true })).toHaveCount(0);

  const finished = async () => {
    const text = (await row.getByText(/[\d,]+ finished/).textContent()) ?? "";
    return Number(/([\d,]+) finished/.exec(text)?.[1]?.replace(/,/g, "") ?? Number.NaN);
  };
  const before = await finished();
  await row.getByRole("button", { name: `Retry sync ${name}` }).click();
  await expect(row.getByRole("status").filter({ hasText: /queued/i })).toContainText(/Queued|Already queued/);
  // The retry either still waits ("1 queued") or a sync worker has already run it (one more finished).
  await expect(async () => {
    await page.reload();
    const waiting = await row.getByText(/\b1 queued\b/).count();
    expect(waiting > 0 || (await finished()) === before + 1).toBe(true);
  }).toPass({ timeout: 30_000 });
});

test("screenshots of the admin page, light, dark and on a phone", async ({ page }, testInfo) => {
  await signInAsAdmin(page);
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    await page.goto("/admin");
    await expect(page.getByRole("heading", { name: "Sync volume" })).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath(`admin-${colorScheme}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/admin");
  await expect(page.getByRole("heading", { level: 1, name: "Admin" })).toBeInViewport();
  await page.screenshot({ path: testInfo.outputPath("admin-phone.png"), fullPage: true });
});
