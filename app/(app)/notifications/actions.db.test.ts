import { randomUUID } from "node:crypto";
import { revalidatePath } from "next/cache";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { createUser } from "@/lib/test/factories";

const session = vi.hoisted(() => ({ user: null as null | { id: string; email: string; name: null; role: "user" } }));
vi.mock("@/lib/auth/session", () => ({ getCurrentUser: async () => session.user }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

const { markAllNotificationsReadAction, markNotificationReadAction } = await import("./actions");
const { removePushSubscriptionAction, savePhoneNumberAction, savePushSubscriptionAction } = await import(
  "./channel-actions"
);

type Action = (previous: object, form: FormData) => Promise<{ ok?: boolean; message?: string; errors?: object }>;

function submit<A extends Action>(action: A, fields: Record<string, string> = {}): ReturnType<A> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  return action({}, form) as ReturnType<A>;
}

async function signIn() {
  const user = await createUser();
  session.user = { id: user.id, email: user.email, name: null, role: "user" };
  return user;
}

const notify = (userId: string) =>
  db.notification.create({
    data: { userId, kind: "transaction", title: "Large charge", body: "$500.00", dedupeKey: randomUUID() },
  });

const SUBSCRIPTION = {
  p256dh: "BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM",
  auth: "tBHItJI5svbpez7KI4CCXg",
  userAgent: "Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0.0.0 Safari/537.36",
};

beforeEach(() => {
  session.user = null;
  vi.mocked(revalidatePath).mockClear();
});

describe("marking notifications read", () => {
  it("marks the user's own notification and refreshes the layout, so the bell's count changes", async () => {
    const user = await signIn();
    const { id } = await notify(user.id);
    expect(await submit(markNotificationReadAction, { id })).toEqual({ ok: true, message: "Marked as read." });
    expect((await db.notification.findUniqueOrThrow({ where: { id } })).readAt).not.toBeNull();
    expect(revalidatePath).toHaveBeenCalledWith("/", "layout");
  });

  it("says another user's notification was not found and leaves it unread", async () => {
    const owner = await createUser();
    const { id } = await notify(owner.id);
    await signIn();
    expect(await submit(markNotificationReadAction, { id })).toEqual({ message: "That notification was not found." });
    expect((await db.notification.findUniqueOrThrow({ where: { id } })).readAt).toBeNull();
  });

  it("marks all of the user's unread notifications and says how many", async () => {
    const user = await signIn();
    const other = await createUser();
    await notify(user.id);
    await notify(user.id);
    await notify(other.id);
    expect(await submit(markAllNotificationsReadAction)).toEqual({
      ok: true,
      message: "Marked 2 notifications as read.",
    });
    expect(await submit(markAllNotificationsReadAction)).toEqual({ ok: true, message: "Nothing was unread." });
    expect(await db.notification.count({ where: { userId: other.id, readAt: null } })).toBe(1);
  });

  it("asks a signed-out visitor to sign in", async () => {
    const owner = await createUser();
    const { id } = await notify(owner.id);
    expect(await submit(markNotificationReadAction, { id })).toEqual({
      message: "Your session has ended. Sign in again.",
    });
    expect(await submit(markAllNotificationsReadAction)).toEqual({ message: "Your session has ended. Sign in again." });
    expect((await db.notification.findUniqueOrThrow({ where: { id } })).readAt).toBeNull();
  });
});

describe("savePhoneNumberAction", () => {
  it("saves the number in E.164 form and hands it back", async () => {
    const user = await signIn();
    expect(await submit(savePhoneNumberAction, { phoneNumber: "+1 (555) 010-0199" })).toEqual({
      ok: true,
      message: "Number saved.",
      data: { phoneNumber: "+15550100199" },
    });
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).phoneNumber).toBe("+15550100199");
  });

  it("names what is wrong with a refused number and keeps the stored one", async () => {
    const user = await signIn();
    await db.user.update({ where: { id: user.id }, data: { phoneNumber: "+15550100199" } });
    const result = await submit(savePhoneNumberAction, { phoneNumber: "555 010 0199" });
    expect(result).toEqual({
      message: "Nothing was saved. Check the highlighted fields.",
      errors: { phoneNumber: ["Start with + and the country code, like +1 555 010 0199."] },
    });
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).phoneNumber).toBe("+15550100199");
  });

  it("removes the number when saved empty", async () => {
    const user = await signIn();
    await db.user.update({ where: { id: user.id }, data: { phoneNumber: "+15550100199" } });
    expect(await submit(savePhoneNumberAction, { phoneNumber: " " })).toEqual({
      ok: true,
      message: "Number removed.",
      data: { phoneNumber: null },
    });
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).phoneNumber).toBeNull();
  });
});

describe("push subscription actions", () => {
  it("saves this browser's subscription, moving it from whoever had it, and removes it", async () => {
    const previous = await createUser();
    const endpoint = `https://fcm.googleapis.com/fcm/send/${randomUUID()}`;
    await db.pushSubscription.create({ data: { userId: previous.id, endpoint, p256dh: "old", auth: "old" } });
    const user = await signIn();

    expect(await submit(savePushSubscriptionAction, { endpoint, ...SUBSCRIPTION })).toEqual({
      ok: true,
      message: "Push is on in this browser.",
    });
    const row = await db.pushSubscription.findUniqueOrThrow({ where: { endpoint } });
    expect(row).toMatchObject({ userId: user.id, p256dh: SUBSCRIPTION.p256dh, userAgent: SUBSCRIPTION.userAgent });
    expect(revalidatePath).toHaveBeenCalledWith("/settings");

    expect(await submit(removePushSubscriptionAction, { id: row.id })).toEqual({ ok: true, message: "Removed." });
    expect(await submit(removePushSubscriptionAction, { id: row.id })).toEqual({
      ok: true,
      message: "That browser was already removed.",
    });
    expect(await db.pushSubscription.count({ where: { endpoint } })).toBe(0);
  });

  it("refuses an endpoint that is not a push service's and cannot remove another user's browser", async () => {
    const owner = await createUser();
    const theirs = await db.pushSubscription.create({
      data: {
        userId: owner.id,
        endpoint: `https://fcm.googleapis.com/fcm/send/${randomUUID()}`,
        p256dh: "k",
        auth: "a",
      },
    });
    await signIn();
    const refused = await submit(savePushSubscriptionAction, { endpoint: "http://127.0.0.1:9/push", ...SUBSCRIPTION });
    expect(refused.errors).toEqual({ endpoint: ["The push endpoint must be an https:// URL."] });
    expect(await db.pushSubscription.count({ where: { endpoint: "http://127.0.0.1:9/push" } })).toBe(0);
    // https, but the server's own loopback: not a push service, so never stored and never called.
    const loopback = await submit(savePushSubscriptionAction, { endpoint: "https://127.0.0.1/push", ...SUBSCRIPTION });
    expect(loopback.errors).toEqual({
      endpoint: ["This browser's push service is not one Mingus sends to (Chrome, Firefox, Safari and Edge are)."],
    });
    expect(await db.pushSubscription.count({ where: { endpoint: "https://127.0.0.1/push" } })).toBe(0);

    expect(await submit(removePushSubscriptionAction, { id: theirs.id })).toEqual({
      ok: true,
      message: "That browser was already removed.",
    });
    expect(await db.pushSubscription.count({ where: { id: theirs.id } })).toBe(1);
  });
});
