// Two-factor sign-in as a person does it, with the authenticator app's codes computed by otpauth from
// the key Settings → Security shows.
import { expect, type Page } from "@playwright/test";
import { Secret, TOTP } from "otpauth";
import { PASSWORD } from "./auth";

/** The code the person's app shows, `stepsAhead` periods from now (each code works once). */
export function appCode(key: string, stepsAhead = 0): string {
  const totp = new TOTP({ secret: Secret.fromBase32(key.replace(/\s/g, "")), digits: 6, period: 30 });
  return totp.generate({ timestamp: Date.now() + stepsAhead * 30_000 });
}

/** Starts setting up an authenticator app on Settings → Security; returns the key the page shows. */
export async function beginTwoFactor(page: Page): Promise<string> {
  await page.goto("/settings/security");
  const panel = page.getByRole("region", { name: "Two-factor sign-in" });
  await panel.getByRole("button", { name: "Set up an authenticator app" }).click();
  await expect(panel.getByRole("img", { name: "QR code for your authenticator app" })).toBeVisible();
  const key = (await panel.locator("code").textContent()) ?? "";
  expect(key).toMatch(/^[A-Z2-7]{4}( [A-Z2-7]{4}){7}$/);
  return key;
}

/** Sets up an authenticator app and turns two-factor sign-in on; the key and the ten recovery codes. */
export async function turnOnTwoFactor(page: Page): Promise<{ key: string; recoveryCodes: string[] }> {
  return finishTwoFactor(page, await beginTwoFactor(page));
}

/** Types the app's code and the password into the set-up begun with `key`: two-factor sign-in is on. */
export async function finishTwoFactor(page: Page, key: string): Promise<{ key: string; recoveryCodes: string[] }> {
  const panel = page.getByRole("region", { name: "Two-factor sign-in" });
  await panel.getByLabel("Code from the app").fill(appCode(key));
  await panel.getByLabel("Current password").fill(PASSWORD);
  await panel.getByRole("button", { name: "Turn on" }).click();
  const list = panel.getByRole("list", { name: "Recovery codes" });
  await expect(list.getByRole("listitem")).toHaveCount(10);
  await expect(panel.getByText("10 of 10 recovery codes left")).toBeVisible();
  return { key, recoveryCodes: await list.getByRole("listitem").allTextContents() };
}
