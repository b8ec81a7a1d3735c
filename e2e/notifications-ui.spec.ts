// The notification screens a new person sees before any alert exists: the bell at zero, the empty
// inbox and its filter, and the notification channels in settings (push not set up without VAPID keys,
// SMS not set up without Twilio, a mobile number refused with a reason, then saved and removed).
// The service worker is exercised with push messages Chromium's DevTools protocol delivers to it, as a
// push service would. The alerts themselves, in the list and by email, are e2e/alerts.spec.ts.
import { type BrowserContext, expect, type Page, test } from "@playwright/test";
import { signUp } from "./support/auth";

function bell(page: Page) {
  return page.getByRole("banner").getByRole("link", { name: /^Notifications/ });
}

function channel(page: Page, name: "Email" | "Push" | "SMS") {
  return page.getByRole("region", { name: "Notification channels" }).getByRole("region", { name, exact: true });
}

test("a new person's bell reads zero and the inbox says there is nothing yet", async ({ page }) => {
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  await signUp(page);
  await expect(bell(page)).toHaveAttribute("aria-label", "Notifications, 0 unread");
  await expect(page.getByTestId("unread-badge")).toHaveCount(0);

  await bell(page).click();
  await expect(page).toHaveURL(/\/notifications$/);
  await expect(page).toHaveTitle("Notifications · Mingus");
  await expect(page.getByRole("heading", { level: 1, name: "Notifications" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "No notifications yet" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Choose your alerts in Settings" })).toHaveAttribute("href", "/settings");
  await expect(page.getByRole("button", { name: "Mark all read" })).toBeDisabled();

  const filter = page.getByRole("navigation", { name: "Show notifications" });
  await expect(filter.getByRole("link", { name: "All" })).toHaveAttribute("aria-current", "page");
  await filter.getByRole("link", { name: "Unread (0)" }).click();
  await expect(page).toHaveURL(/\/notifications\?filter=unread$/);
  await expect(page.getByRole("heading", { name: "You're all caught up" })).toBeVisible();
  await expect(filter.getByRole("link", { name: "Unread (0)" })).toHaveAttribute("aria-current", "page");

  const digests = page.getByRole("region", { name: "Waiting for your digest" });
  await expect(digests).toContainText("Nothing is waiting.");
  await expect(digests.getByRole("button", { name: "Send now" })).toBeDisabled();

  // A cursor from a hand-edited URL is a page with nothing on it, not an error.
  await page.goto("/notifications?cursor=00000000-0000-4000-8000-000000000000");
  await expect(page.getByRole("heading", { name: "No older notifications" })).toBeVisible();
  await page.getByRole("link", { name: "Back to the newest" }).click();
  await expect(page.getByRole("heading", { name: "No notifications yet" })).toBeVisible();
  expect(errors).toEqual([]);
});

test("settings show each channel's state, and push says it is not set up", async ({ page }) => {
  const { email } = await signUp(page);
  await page.goto("/settings");
  const section = page.getByRole("region", { name: "Notification channels" });
  await expect(section.getByRole("heading", { level: 2, name: "Notification channels" })).toBeVisible();

  await expect(channel(page, "Email")).toContainText(`Sent to ${email}`);
  await expect(channel(page, "Email").getByText("Set up", { exact: true })).toBeVisible();

  const push = channel(page, "Push");
  await expect(push.getByText("Not set up", { exact: true })).toBeVisible();
  await expect(push).toContainText("Push isn't set up on this server");
  await expect(push.getByRole("button", { name: "Turn on push in this browser" })).toBeDisabled();
  await expect(push).toContainText("None yet.");

  const sms = channel(page, "SMS");
  await expect(sms.getByText("Not set up", { exact: true })).toBeVisible();
  await expect(sms).toContainText("No texts are sent until SMS is set up on this server");

  // The on/off switches are the preferences form's; the section links there rather than repeating them.
  await section.getByRole("link", { name: "Notifications in your preferences" }).click();
  await expect(page).toHaveURL(/\/settings#preferences$/);
  await expect(page.getByRole("checkbox", { name: "Push" })).toBeVisible();
});

test("a mobile number is refused with a reason, then saved in international form, then removed", async ({ page }) => {
  await signUp(page);
  await page.goto("/settings");
  const sms = channel(page, "SMS");
  const field = sms.getByRole("textbox", { name: "Mobile number" });

  await field.fill("555 010 0199");
  await sms.getByRole("button", { name: "Save number" }).click();
  await expect(field).toHaveAttribute("aria-invalid", "true");
  await expect(field).toHaveAccessibleDescription(/Start with \+ and the country code/);
  await expect(field).toHaveValue("555 010 0199");

  await field.fill("+1 (555) 010-0199");
  await sms.getByRole("button", { name: "Save number" }).click();
  await expect(sms.getByRole("status")).toHaveText("Number saved.");
  await expect(field).toHaveValue("+15550100199");
  await expect(field).not.toHaveAttribute("aria-invalid", "true");

  await page.reload();
  await expect(channel(page, "SMS").getByRole("textbox", { name: "Mobile number" })).toHaveValue("+15550100199");

  await channel(page, "SMS").getByRole("textbox", { name: "Mobile number" }).fill("");
  await channel(page, "SMS").getByRole("button", { name: "Save number" }).click();
  await expect(channel(page, "SMS").getByRole("status")).toHaveText("Number removed.");
  await page.reload();
  await expect(channel(page, "SMS").getByRole("textbox", { name: "Mobile number" })).toHaveValue("");
});

test("a signed-out visitor has no bell and is sent to sign in from the inbox", async ({ page }) => {
  await page.goto("/notifications");
  await expect(page).toHaveURL(/\/sign-in/);
  await expect(bell(page)).toHaveCount(0);
});

/** Registers /sw.js as the settings page does, and returns a way to push a message to it. */
async function installServiceWorker(context: BrowserContext, page: Page) {
  const cdp = await context.newCDPSession(page);
  const registrations: { registrationId: string; scopeURL: string }[] = [];
  cdp.on("ServiceWorker.workerRegistrationUpdated", (event) => registrations.push(...event.registrations));
  await cdp.send("ServiceWorker.enable");
  const scope = await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.register("/sw.js", { scope: "/" });
    await navigator.serviceWorker.ready;
    return registration.scope;
  });
  await expect.poll(() => registrations.some((registration) => registration.scopeURL === scope)).toBe(true);
  const registrationId = registrations.find((registration) => registration.scopeURL === scope)?.registrationId ?? "";
  const origin = new URL(scope).origin;
  return {
    origin,
    push: (data: string) => cdp.send("ServiceWorker.deliverPushMessage", { origin, registrationId, data }),
  };
}

function shownNotifications(page: Page) {
  return page.evaluate(async () => {
    const registration = await navigator.serviceWorker.getRegistration("/");
    const shown = (await registration?.getNotifications()) ?? [];
    return shown.map((notification) => ({
      title: notification.title,
      body: notification.body,
      tag: notification.tag,
      url: (notification.data as { url?: string } | null)?.url,
    }));
  });
}

/**
 * Pushes until the notification shows: DevTools can drop a message delivered while a just-activated
 * worker is still starting. The tag makes a repeat replace, never add, so the list proves one shown.
 */
async function pushUntilShown(
  page: Page,
  worker: Awaited<ReturnType<typeof installServiceWorker>>,
  payload: { title: string; body: string; url: string; tag: string },
  expected: Awaited<ReturnType<typeof shownNotifications>>,
) {
  await expect
    .poll(
      async () => {
        await worker.push(JSON.stringify(payload));
        return shownNotifications(page);
      },
      { timeout: 15_000, intervals: [500, 1000, 2000] },
    )
    .toEqual(expected);
}

test("the service worker shows a pushed alert, linking only to this site", async ({ context, page }) => {
  await signUp(page);
  await context.grantPermissions(["notifications"]);
  const worker = await installServiceWorker(context, page);

  await pushUntilShown(
    page,
    worker,
    { title: "Everyday is below $500.00", body: "The balance is $312.18.", url: "/accounts", tag: "n-1" },
    [
      {
        title: "Everyday is below $500.00",
        body: "The balance is $312.18.",
        tag: "n-1",
        url: `${worker.origin}/accounts`,
      },
    ],
  );

  // The same tag replaces the notification; a link to another site becomes the inbox.
  await pushUntilShown(
    page,
    worker,
    { title: "Updated", body: "Now $250.00.", url: "https://evil.example/", tag: "n-1" },
    [{ title: "Updated", body: "Now $250.00.", tag: "n-1", url: `${worker.origin}/notifications` }],
  );
});
