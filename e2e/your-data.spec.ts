// Leaving and taking data (issue 16, item 12): "Download my data" gives a zip of every table as JSON
// and CSV; "Delete my account" needs the password, removes the bank at Plaid (the emulator), deletes
// everything and mails the address.
import { expect, test } from "@playwright/test";
import { unzipSync } from "fflate";
import { formAlert, PASSWORD, signIn, signUp } from "./support/auth";
import { mailFor } from "./support/mailbox";
import { currentUserId, linkBank, listItems, PLATYPUS } from "./support/plaid-link";

test("a person downloads their data, then deletes their account and their bank with it", async ({ page }) => {
  const { email } = await signUp(page);
  await linkBank(page);
  await expect(page.getByRole("region", { name: PLATYPUS })).toBeVisible({ timeout: 15_000 });
  const userId = await currentUserId(page);
  expect(await listItems(page, userId)).toHaveLength(1);

  await page.goto("/settings/security");
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Download my data" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^mingus-export-\d{4}-\d{2}-\d{2}\.zip$/);
  const files = unzipSync(new Uint8Array(await (await import("node:fs/promises")).readFile(await download.path())));
  const names = Object.keys(files).map((name) => name.split("/")[1]);
  expect(names).toEqual(
    expect.arrayContaining(["profile.json", "profile.csv", "bank_accounts.csv", "transactions.json"]),
  );
  const profile = JSON.parse(
    new TextDecoder().decode(Object.entries(files).find(([name]) => name.endsWith("/profile.json"))?.[1]),
  );
  expect(profile[0]).toMatchObject({ email });

  const panel = page.getByRole("region", { name: "Delete my account" });
  await panel.getByLabel("Current password").fill("not my password");
  await panel.getByLabel("I understand").check();
  await panel.getByRole("button", { name: "Delete my account" }).click();
  await expect(panel.getByText("Your current password is not right.")).toBeVisible();

  await panel.getByLabel("Current password").fill(PASSWORD);
  await panel.getByLabel("I understand").check();
  await panel.getByRole("button", { name: "Delete my account" }).click();
  await expect(page).toHaveURL(/\/sign-in\?deleted=1$/);
  await expect(page.getByText("Your account was deleted")).toBeVisible();
  expect(await listItems(page, userId)).toHaveLength(0);
  await expect
    .poll(async () => (await mailFor(new URL(page.url()).origin, email)).map((mail) => mail.subject))
    .toContain("Your Mingus account was deleted");

  await signIn(page, { email });
  await expect(formAlert(page)).toHaveText("Incorrect email or password.");
});
