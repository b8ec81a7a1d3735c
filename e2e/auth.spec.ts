import { expect, test } from "@playwright/test";
import { formAlert, mailedLink, PASSWORD, signIn, signOut, signUp, submitSignUp, uniqueEmail } from "./support/auth";

test("a new person signs up, lands on their accounts, signs out and back in", async ({ page }) => {
  const { email } = await signUp(page);
  await expect(page.getByRole("heading", { name: "Accounts" })).toBeVisible();
  await expect(page.getByRole("banner").getByText(email)).toBeVisible();

  await signOut(page);
  await page.goto("/accounts");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Faccounts$/);

  await signIn(page, { email });
  await expect(page).toHaveURL(/\/accounts$/);
});

test("signing in goes back to a page of this site, never to another site", async ({ page }) => {
  const { email } = await signUp(page);
  await signOut(page);
  // The audit's open redirects: a backslash and a tab that browsers read as a second slash.
  for (const callback of ["/%5Cevil.example/phish", "/%09/evil.example/phish", "//evil.example/phish"]) {
    await page.goto(`/sign-in?callbackUrl=${callback}`);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page).toHaveURL(/^http:\/\/127\.0\.0\.1:\d+\/accounts$/);
    await signOut(page);
  }
  // A page of this site is kept, with its query.
  await page.goto(`/sign-in?callbackUrl=${encodeURIComponent("/settings?tab=alerts")}`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/settings\?tab=alerts$/);
});

test("a wrong password and an unknown email get the same message", async ({ page }) => {
  const { email } = await signUp(page);
  await signOut(page);

  await signIn(page, { email, password: "not the password" });
  await expect(formAlert(page)).toHaveText("Incorrect email or password.");
  await signIn(page, { email: uniqueEmail("nobody") });
  await expect(formAlert(page)).toHaveText("Incorrect email or password.");
  await expect(page).toHaveURL(/\/sign-in/);
});

test("sign-up explains what is wrong with each field and saves nothing", async ({ page }) => {
  await page.goto("/sign-up");
  await page.getByLabel("Email").fill("not-an-email@");
  await page.getByLabel("Password").fill("short");
  // Let the server validate, not the browser.
  await page.locator("form").evaluate((form) => form.setAttribute("novalidate", ""));
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator("#email-error")).toHaveText("Enter a valid email address.");
  await expect(page.locator("#password-error")).toHaveText("Use at least 10 characters.");
  await expect(page).toHaveURL(/\/sign-up$/);

  // Long enough, and still the first thing anyone would try.
  await page.getByLabel("Email").fill(uniqueEmail("weak"));
  await page.getByLabel("Password").fill("1234567890");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.locator("#password-error")).toContainText("This password is too easy to guess.");
  await expect(page).toHaveURL(/\/sign-up$/);
});

// The audit: sign-up told whether an address is registered. Now both answers read the same, and the
// owner is told by mail instead.
test("signing up with a registered email answers as for a new one and tells the owner", async ({ page, browser }) => {
  const { email } = await signUp(page);
  const other = await browser.newPage();
  const stranger = uniqueEmail("stranger");
  await submitSignUp(other, { email: stranger });
  const fresh = await other.getByRole("main").getByRole("status").innerText();
  await submitSignUp(other, { email, password: `${PASSWORD} but different` });
  const taken = await other.getByRole("main").getByRole("status").innerText();
  expect(taken.replace(email, "ADDRESS")).toBe(fresh.replace(stranger, "ADDRESS"));

  const notice = await mailedLink(other, { email, subject: "You already have a Mingus account" });
  expect(notice).toBe("/sign-in");
  // No second account, and the stranger's password opens nothing.
  await signIn(other, { email, password: `${PASSWORD} but different` });
  await expect(formAlert(other)).toHaveText("Incorrect email or password.");
  await other.close();
});

test("repeated failures are throttled, for existing and unknown emails alike", async ({ page }) => {
  for (const email of [(await signUp(page)).email, uniqueEmail("ghost")]) {
    await page.context().clearCookies();
    for (let attempt = 0; attempt < 5; attempt++) {
      // A new X-Forwarded-For with every guess buys nothing: no proxy is trusted (TRUSTED_PROXIES).
      await page.setExtraHTTPHeaders({ "X-Forwarded-For": `198.51.100.${attempt}` });
      // Each guess is answered before the next: the last one's message on the page proves nothing.
      const answered = page.waitForResponse((response) => response.url().includes("/api/auth/callback/credentials"));
      await signIn(page, { email, password: `wrong-${attempt}` });
      await answered;
      await expect(formAlert(page)).toHaveText("Incorrect email or password.");
    }
    await page.setExtraHTTPHeaders({ "X-Forwarded-For": "198.51.100.99" });
    await signIn(page, { email, password: "wrong-again" });
    await expect(formAlert(page)).toContainText(/Too many sign-in attempts\. Try again in 1[45] minutes\./);
  }
});
