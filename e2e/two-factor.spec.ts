// Two-factor sign-in (issue 16, item 7): a person sets up an authenticator app from Settings → Security
// (the test computes the app's codes with otpauth from the key the page shows), gets ten recovery codes,
// then signs in with the password and a code; a session waiting for its code opens nothing else; a
// recovery code works once; deleting the account and turning it off ask for a code.
import { expect, type Page, test } from "@playwright/test";
import { formAlert, PASSWORD, signIn, signOut, signUp } from "./support/auth";
import { appCode, beginTwoFactor, finishTwoFactor } from "./support/two-factor";

/** Turns it on from Settings → Security, after a wrong code is refused. */
async function turnOn(page: Page): Promise<{ key: string; recoveryCodes: string[] }> {
  const key = await beginTwoFactor(page);
  const panel = page.getByRole("region", { name: "Two-factor sign-in" });
  await panel.getByLabel("Code from the app").fill("000000");
  await panel.getByLabel("Current password").fill(PASSWORD);
  await panel.getByRole("button", { name: "Turn on" }).click();
  await expect(panel.getByText("That code is not right.")).toBeVisible();
  // The set-up goes on where it was: the same key.
  await page.reload();
  expect(await panel.locator("code").textContent()).toBe(key);
  return finishTwoFactor(page, key);
}

test("sign-in asks for a code from the app, a recovery code works once, deletion asks for a code", async ({
  page,
  browser,
  baseURL,
}) => {
  const { email } = await signUp(page);
  const { key, recoveryCodes } = await turnOn(page);
  await signOut(page);

  // The password alone opens only the code's page, wherever the person goes.
  await signIn(page, { email });
  await expect(page).toHaveURL(/\/two-factor\?callbackUrl=%2Faccounts$/);
  await page.goto("/settings/security");
  await expect(page).toHaveURL(/\/two-factor\?callbackUrl=%2Fsettings%2Fsecurity$/);
  expect((await page.request.get("/settings/export.zip")).status()).toBe(401);

  await page.getByLabel("Authentication code").fill("123456");
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(formAlert(page)).toContainText("That code is not right.");
  // The code the set-up used is spent: the app's next one.
  await page.getByLabel("Authentication code").fill(appCode(key, 1));
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page).toHaveURL(/\/settings\/security$/);
  await expect(page.getByText("10 of 10 recovery codes left")).toBeVisible();

  // A recovery code instead of the app, once.
  await signOut(page);
  await signIn(page, { email });
  await expect(page).toHaveURL(/\/two-factor/);
  await page.getByLabel("Authentication code").fill(recoveryCodes[0] ?? "");
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page).toHaveURL(/\/accounts$/);
  await signOut(page);
  await signIn(page, { email });
  await page.getByLabel("Authentication code").fill(recoveryCodes[0] ?? "");
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(formAlert(page)).toContainText("That code is not right.");
  await page.getByRole("button", { name: "Cancel and sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);

  // Signed in again with a recovery code; deletion wants a code as well as the password.
  await signIn(page, { email });
  await page.getByLabel("Authentication code").fill(recoveryCodes[1] ?? "");
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page).toHaveURL(/\/accounts$/);
  await page.goto("/settings/security");
  await expect(page.getByText("8 of 10 recovery codes left")).toBeVisible();
  const activity = page.getByRole("region", { name: "Recent activity" });
  await expect(activity.getByText("Recovery code used to sign in; 8 left")).toBeVisible();
  await expect(activity.getByText("Wrong two-factor code").first()).toBeVisible();

  // Someone else with the password, stopped at the code: the person sees that browser waiting.
  const elsewhere = await browser.newContext({ baseURL });
  const intruder = await elsewhere.newPage();
  await signIn(intruder, { email });
  await expect(intruder).toHaveURL(/\/two-factor/);
  await page.reload();
  const sessions = page.getByRole("list", { name: "Sessions" });
  await expect(sessions.getByText("Waiting for its two-factor code")).toHaveCount(1);
  await elsewhere.close();

  const deletion = page.getByRole("region", { name: "Delete my account" });
  await deletion.getByLabel("Current password").fill(PASSWORD);
  await deletion.getByLabel("Authentication code").fill("000000");
  await deletion.getByLabel("I understand").check();
  await deletion.getByRole("button", { name: "Delete my account" }).click();
  await expect(deletion.getByText("That code is not right.").first()).toBeVisible();

  // Turning it off takes a code too; then the password alone signs in.
  const panel = page.getByRole("region", { name: "Two-factor sign-in" });
  const turnOff = panel.getByRole("form", { name: "Turn off two-factor sign-in" });
  await turnOff.getByLabel("Current password").fill(PASSWORD);
  await turnOff.getByLabel("Authentication code").fill(recoveryCodes[2] ?? "");
  await turnOff.getByRole("button", { name: "Turn off" }).click();
  await expect(panel.getByText("Two-factor sign-in is off.")).toBeVisible();
  await signOut(page);
  await signIn(page, { email });
  await expect(page).toHaveURL(/\/accounts$/);
});
