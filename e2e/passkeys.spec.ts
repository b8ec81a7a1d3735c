// Passkeys (issue 16, item 7): added from Settings → Security with Chromium's virtual authenticator (the
// DevTools WebAuthn domain: a platform authenticator that holds resident keys and verifies its user),
// then signing in with one and no password, using one in place of the app's code, and removing it.
// Browsers refuse passkeys at an IP address, so this spec opens the app at localhost (PASSKEY_ORIGIN).
import { type CDPSession, expect, type Page, test } from "@playwright/test";
import { axeFindings, smallTargets } from "./support/a11y";
import { formAlert, PASSWORD, signIn, signOut, signUp } from "./support/auth";
import { appCode, turnOnTwoFactor } from "./support/two-factor";

test.use({ baseURL: async ({ baseURL }, use) => use(baseURL?.replace("127.0.0.1", "localhost")) });

/** A platform authenticator in this page's browser; `verifies`: whether it checks a PIN or biometric. */
async function virtualAuthenticator(page: Page, verifies = true): Promise<{ cdp: CDPSession; id: string }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "internal",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: verifies,
      automaticPresenceSimulation: true,
    },
  });
  return { cdp, id: authenticatorId };
}

/** Signs out, and back to the sign-in page at localhost (next-auth sends people to NEXTAUTH_URL's host). */
async function signOutHere(page: Page) {
  await signOut(page);
  await page.goto("/sign-in");
}

async function addPasskey(page: Page, name: string, code?: string) {
  await page.goto("/settings/security");
  const panel = page.getByRole("region", { name: "Passkeys" });
  const form = panel.getByRole("form", { name: "Add a passkey" });
  await form.getByLabel("Name").fill(name);
  await form.getByLabel("Current password").fill(PASSWORD);
  if (code) await form.getByLabel("Authentication code").fill(code);
  await form.getByRole("button", { name: "Add a passkey" }).click();
  await expect(panel.getByText(`Passkey “${name}” added.`)).toBeVisible();
  return panel;
}

test("a passkey signs in without the password, and is removed with it", async ({ page }) => {
  const { email } = await signUp(page);
  const authenticator = await virtualAuthenticator(page);

  // The password is asked for first.
  await page.goto("/settings/security");
  const panel = page.getByRole("region", { name: "Passkeys" });
  await expect(panel.getByText("No passkeys yet.")).toBeVisible();
  const form = panel.getByRole("form", { name: "Add a passkey" });
  await form.getByLabel("Name").fill("Work laptop");
  await form.getByLabel("Current password").fill("not my password at all");
  await form.getByRole("button", { name: "Add a passkey" }).click();
  await expect(form.getByText("Nothing was changed.")).toBeVisible();
  const { credentials: none } = await authenticator.cdp.send("WebAuthn.getCredentials", {
    authenticatorId: authenticator.id,
  });
  expect(none).toHaveLength(0);

  await addPasskey(page, "Work laptop");
  await expect(
    panel.getByRole("list", { name: "Your passkeys" }).getByText("Work laptop", { exact: true }),
  ).toBeVisible();
  await expect(panel.getByText(/not used yet/)).toBeVisible();
  const { credentials } = await authenticator.cdp.send("WebAuthn.getCredentials", {
    authenticatorId: authenticator.id,
  });
  expect(credentials).toHaveLength(1);
  expect(credentials[0]?.isResidentCredential).toBe(true);
  expect(await axeFindings(page)).toEqual([]);
  expect(await smallTargets(page)).toEqual([]);

  // Signed out, the passkey alone signs in: no email, no password.
  await signOutHere(page);
  await page.getByRole("button", { name: "Sign in with a passkey" }).click();
  await expect(page).toHaveURL(/\/accounts$/);
  await page.goto("/settings/security");
  await expect(panel.getByText(/last used/)).toBeVisible();
  const activity = page.getByRole("region", { name: "Recent activity" });
  await expect(activity.getByText("Signed in with a passkey “Work laptop”")).toBeVisible();
  await expect(activity.getByText("Passkey “Work laptop” added")).toBeVisible();

  // Removed: it signs no one in any more.
  await panel.locator("summary", { hasText: "Remove passkey “Work laptop”" }).click();
  const remove = panel.getByRole("form", { name: "Remove passkey “Work laptop”" });
  expect(await axeFindings(page)).toEqual([]);
  await remove.getByLabel("Current password").fill(PASSWORD);
  await remove.getByRole("button", { name: "Remove this passkey" }).click();
  await expect(panel.getByText("No passkeys yet.")).toBeVisible();
  await signOutHere(page);
  await page.getByRole("button", { name: "Sign in with a passkey" }).click();
  await expect(formAlert(page)).toContainText("belongs to no account here");
  await signIn(page, { email });
  await expect(page).toHaveURL(/\/accounts$/);
});

test("with two-factor sign-in on, adding a passkey takes a code, and a passkey stands in for the code", async ({
  page,
}) => {
  const { email } = await signUp(page);
  const { key } = await turnOnTwoFactor(page);
  await virtualAuthenticator(page);
  await addPasskey(page, "Phone", appCode(key, 1));
  await signOutHere(page);

  // The password, then the passkey instead of the app's code.
  await signIn(page, { email });
  await expect(page).toHaveURL(/\/two-factor/);
  expect(await axeFindings(page)).toEqual([]);
  await page.getByRole("button", { name: "Use a passkey" }).click();
  await expect(page).toHaveURL(/\/accounts$/);
  await page.goto("/settings/security");
  await expect(
    page.getByRole("region", { name: "Recent activity" }).getByText("Sign-in finished with the passkey “Phone”"),
  ).toBeVisible();

  // A passkey sign-in is whole at once: no code asked.
  await signOutHere(page);
  await page.getByRole("button", { name: "Sign in with a passkey" }).click();
  await expect(page).toHaveURL(/\/accounts$/);
});

test("a device that does not verify its user is refused", async ({ page }) => {
  await signUp(page);
  const authenticator = await virtualAuthenticator(page);
  await addPasskey(page, "Laptop");
  await authenticator.cdp.send("WebAuthn.setUserVerified", {
    authenticatorId: authenticator.id,
    isUserVerified: false,
  });
  await signOutHere(page);
  await page.getByRole("button", { name: "Sign in with a passkey" }).click();
  await expect(formAlert(page)).toContainText(/passkey/);
  await expect(page).toHaveURL(/\/sign-in/);
});
