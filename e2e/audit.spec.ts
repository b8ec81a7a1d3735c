// The audit log (issue 16, item 11): the person reads their own in Settings → Security, admins read
// everyone's at /admin/audit, filtered.
import { expect, test } from "@playwright/test";
import { signIn, signInAsAdmin, signOut, signUp } from "./support/auth";

test("sign-ins, failures and confirmations show in the person's activity and in the admins' log", async ({
  page,
  browser,
  baseURL,
}) => {
  const { email } = await signUp(page, { confirm: true });
  await signOut(page);
  await signIn(page, { email, password: "not the password at all" });
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("Incorrect email or password.");
  await signIn(page, { email });
  await expect(page).toHaveURL(/\/accounts$/);

  await page.goto("/settings/security");
  const activity = page.getByRole("table", { name: "Recent activity" });
  await expect(activity.getByRole("row")).toHaveCount(1 + 5);
  const rows = activity.getByRole("row");
  // Newest first: the second sign-in, the failure, the sign-out, the first sign-in, the confirmation.
  await expect(rows.nth(1)).toContainText("Signed in with a password");
  await expect(rows.nth(2)).toContainText("Failed sign-in: wrong password");
  await expect(rows.nth(3)).toContainText("Signed out");
  await expect(rows.nth(4)).toContainText("Signed in with a password");
  await expect(rows.nth(5)).toContainText(`Email address ${email} confirmed`);

  const admin = await (await browser.newContext({ baseURL })).newPage();
  await signInAsAdmin(admin);
  await admin.goto("/admin");
  await admin.getByRole("link", { name: "Audit log: sign-ins, account changes and admin actions" }).click();
  await expect(admin.getByRole("heading", { name: "Audit log", level: 1 })).toBeVisible();
  await admin.getByLabel("What happened").selectOption({ label: "Failed sign-in" });
  await admin.getByLabel("Account email").fill(email);
  await admin.getByRole("button", { name: "Apply filters" }).click();
  await expect(admin).toHaveURL(/\/admin\/audit\?action=sign_in_failed&email=/);
  const log = admin.getByRole("table", { name: "Audit log" });
  await expect(log.getByRole("row")).toHaveCount(2);
  await expect(log.getByRole("row").nth(1)).toContainText("Failed sign-in: wrong password");
  await expect(log.getByRole("row").nth(1)).toContainText(email);
  await admin.close();
});
