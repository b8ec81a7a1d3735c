// The per-user access rule, once: yours is found; another person's, an unknown id and a malformed id
// are the same "not found", so nothing reveals what someone else has.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { isAppError } from "@/lib/errors";
import { createUser, createUserWithAccount } from "@/lib/test/factories";
import {
  findOwnedAccount,
  findOwnedConnection,
  findOwnedPushSubscription,
  getOwnedAccount,
  getOwnedConnection,
  getOwnedNotification,
} from "./ownership";

const MALFORMED = ["not-a-uuid", "' OR 1=1 --", "", `${randomUUID()}x`];

async function notFoundCode(promise: Promise<unknown>): Promise<string | null> {
  try {
    await promise;
    return null;
  } catch (error) {
    return isAppError(error) ? error.code : `unexpected ${String(error)}`;
  }
}

describe("connections and accounts", () => {
  it("finds the owner's own, by any case of its id", async () => {
    const { user, connection, account } = await createUserWithAccount();
    expect(await findOwnedConnection({ userId: user.id, connectionId: connection.id.toUpperCase() })).toMatchObject({
      id: connection.id,
      userId: user.id,
      institutionName: connection.institutionName,
    });
    expect(await getOwnedAccount({ userId: user.id, accountId: account.id })).toMatchObject({
      id: account.id,
      plaidConnectionId: connection.id,
    });
  });

  it("answers another person's, an unknown and a malformed id alike", async () => {
    const { connection, account } = await createUserWithAccount();
    const stranger = await createUser();
    for (const id of [connection.id, randomUUID(), ...MALFORMED]) {
      expect(await findOwnedConnection({ userId: stranger.id, connectionId: id })).toBeNull();
      expect(await notFoundCode(getOwnedConnection({ userId: stranger.id, connectionId: id }))).toBe(
        "connection:not_found",
      );
    }
    for (const id of [account.id, randomUUID(), ...MALFORMED]) {
      expect(await findOwnedAccount({ userId: stranger.id, accountId: id })).toBeNull();
      expect(await notFoundCode(getOwnedAccount({ userId: stranger.id, accountId: id }))).toBe("account:not_found");
    }
  });

  it("checks inside the caller's transaction, so a row deleted in it is gone", async () => {
    const { user, account } = await createUserWithAccount();
    await db
      .$transaction(async (tx) => {
        await tx.bankAccount.delete({ where: { id: account.id } });
        expect(await findOwnedAccount({ userId: user.id, accountId: account.id, client: tx })).toBeNull();
        throw new Error("roll back");
      })
      .catch(() => undefined);
    expect(await findOwnedAccount({ userId: user.id, accountId: account.id })).not.toBeNull();
  });
});

describe("notifications and push subscriptions", () => {
  it("finds only the owner's in-app notifications and browsers", async () => {
    const owner = await createUser();
    const stranger = await createUser();
    const base = { userId: owner.id, kind: "transaction", title: "t", body: "b", data: {} };
    const inApp = await db.notification.create({ data: { ...base, dedupeKey: "in-app", inApp: true } });
    const emailOnly = await db.notification.create({ data: { ...base, dedupeKey: "email-only", inApp: false } });
    const subscription = await db.pushSubscription.create({
      data: { userId: owner.id, endpoint: "https://fcm.googleapis.com/fcm/send/x", p256dh: "k", auth: "a" },
    });

    expect(await getOwnedNotification({ userId: owner.id, notificationId: inApp.id })).toMatchObject({ id: inApp.id });
    for (const [userId, id] of [
      [stranger.id, inApp.id],
      [owner.id, emailOnly.id],
      [owner.id, randomUUID()],
      [owner.id, "nope"],
    ] as const) {
      expect(await notFoundCode(getOwnedNotification({ userId, notificationId: id }))).toBe("notification:not_found");
    }
    expect(await findOwnedPushSubscription({ userId: owner.id, subscriptionId: subscription.id })).toEqual({
      id: subscription.id,
      userId: owner.id,
    });
    expect(await findOwnedPushSubscription({ userId: stranger.id, subscriptionId: subscription.id })).toBeNull();
    expect(await findOwnedPushSubscription({ userId: owner.id, subscriptionId: "nope" })).toBeNull();
  });
});
