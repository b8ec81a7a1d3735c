import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createUser } from "@/lib/test/factories";
import {
  getContact,
  listPushSubscriptions,
  removePushSubscription,
  savePhoneNumber,
  savePushSubscription,
} from "./contact";

const keys = {
  p256dh: "BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM",
  auth: "tBHItJI5svbpez7KI4CCXg",
};
const endpoint = () => `https://fcm.googleapis.com/fcm/send/${randomUUID()}`;

describe("phone number", () => {
  it("saves, replaces and clears the user's number", async () => {
    const user = await createUser();
    expect(await getContact({ userId: user.id })).toEqual({
      email: user.email,
      emailConfirmed: true,
      phoneNumber: null,
    });
    expect(await savePhoneNumber({ userId: user.id, phoneNumber: "+15550100199" })).toBe("+15550100199");
    await savePhoneNumber({ userId: user.id, phoneNumber: "+442079460018" });
    expect((await getContact({ userId: user.id })).phoneNumber).toBe("+442079460018");
    expect(await savePhoneNumber({ userId: user.id, phoneNumber: null })).toBeNull();
    expect((await getContact({ userId: user.id })).phoneNumber).toBeNull();
  });

  it("refuses a number that is not E.164 and leaves the stored one", async () => {
    const user = await createUser({ phoneNumber: "+15550100199" });
    await expect(savePhoneNumber({ userId: user.id, phoneNumber: "555 0100" })).rejects.toThrow(/E\.164/);
    expect((await getContact({ userId: user.id })).phoneNumber).toBe("+15550100199");
  });
});

describe("push subscriptions", () => {
  it("creates one per endpoint and refreshes its keys when the same user subscribes again", async () => {
    const user = await createUser();
    const url = endpoint();
    const first = await savePushSubscription({
      userId: user.id,
      subscription: { endpoint: url, ...keys, userAgent: "A" },
    });
    expect(first.outcome).toBe("created");
    const again = await savePushSubscription({
      userId: user.id,
      subscription: { endpoint: url, p256dh: "BNew", auth: "newAuth", userAgent: "B" },
    });
    expect(again).toEqual({ id: first.id, outcome: "updated" });
    const rows = await db.pushSubscription.findMany({ where: { endpoint: url } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ userId: user.id, p256dh: "BNew", auth: "newAuth", userAgent: "B" });
  });

  it("moves an endpoint another user had to the user who subscribed last", async () => {
    const before = await createUser();
    const after = await createUser();
    const url = endpoint();
    const { id } = await savePushSubscription({
      userId: before.id,
      subscription: { endpoint: url, ...keys, userAgent: null },
    });
    await db.pushSubscription.update({ where: { id }, data: { lastSuccessAt: new Date("2026-11-01T00:00:00Z") } });

    const moved = await savePushSubscription({
      userId: after.id,
      subscription: { endpoint: url, ...keys, userAgent: "C" },
    });
    expect(moved).toEqual({ id, outcome: "moved" });
    expect(await listPushSubscriptions({ userId: before.id })).toEqual([]);
    const [row] = await listPushSubscriptions({ userId: after.id });
    expect(row).toMatchObject({ id, endpoint: url, userAgent: "C", lastSuccessAt: null });
  });

  it("lists only the user's browsers, newest first", async () => {
    const user = await createUser();
    const other = await createUser();
    const older = await savePushSubscription({
      userId: user.id,
      subscription: { endpoint: endpoint(), ...keys, userAgent: "old" },
    });
    await db.pushSubscription.update({
      where: { id: older.id },
      data: { createdAt: new Date("2026-01-01T00:00:00Z") },
    });
    await savePushSubscription({ userId: user.id, subscription: { endpoint: endpoint(), ...keys, userAgent: "new" } });
    await savePushSubscription({
      userId: other.id,
      subscription: { endpoint: endpoint(), ...keys, userAgent: "theirs" },
    });
    expect((await listPushSubscriptions({ userId: user.id })).map((row) => row.userAgent)).toEqual(["new", "old"]);
  });

  it("removes only the user's own subscription", async () => {
    const owner = await createUser();
    const intruder = await createUser();
    const { id } = await savePushSubscription({
      userId: owner.id,
      subscription: { endpoint: endpoint(), ...keys, userAgent: null },
    });
    expect(await removePushSubscription({ userId: intruder.id, id })).toBe(false);
    expect(await removePushSubscription({ userId: intruder.id, id: "nope" })).toBe(false);
    expect(await listPushSubscriptions({ userId: owner.id })).toHaveLength(1);
    expect(await removePushSubscription({ userId: owner.id, id })).toBe(true);
    expect(await removePushSubscription({ userId: owner.id, id })).toBe(false);
    expect(await listPushSubscriptions({ userId: owner.id })).toEqual([]);
  });
});
