import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db, type Prisma } from "@/lib/db";
import { isAppError } from "@/lib/errors";
import { createPreferences, createUser, createUserWithAccount } from "@/lib/test/factories";
import { countUnread, listNotifications, markAllRead, markRead } from "./inbox";

function createNotification(data: Partial<Prisma.NotificationUncheckedCreateInput> & { userId: string }) {
  return db.notification.create({
    data: {
      kind: "low_balance",
      title: "Low balance",
      body: "Checking is below $100.00.",
      dedupeKey: randomUUID(),
      ...data,
    },
  });
}

/** Sets created_at exactly (microseconds included), as the database's default would. */
async function setCreatedAt(id: string, timestamp: string) {
  await db.$executeRaw`UPDATE notifications SET created_at = ${timestamp}::timestamptz WHERE id = ${id}::uuid`;
}

async function allPages(userId: string, filter: "all" | "unread", limit: number) {
  const ids: string[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 50; page++) {
    const result = await listNotifications({ userId, filter, cursor, limit });
    ids.push(...result.items.map((item) => item.id));
    if (!result.nextCursor) return ids;
    cursor = result.nextCursor;
  }
  throw new Error("paging did not end");
}

describe("countUnread", () => {
  it("counts only the user's unread in-app notifications", async () => {
    const user = await createUser();
    const other = await createUser();
    await createNotification({ userId: user.id });
    await createNotification({ userId: user.id });
    await createNotification({ userId: user.id, readAt: new Date() });
    await createNotification({ userId: user.id, inApp: false });
    await createNotification({ userId: other.id });
    expect(await countUnread(user.id)).toBe(2);
  });
});

describe("listNotifications", () => {
  it("lists newest first with the account's alias and mask, and only in-app rows", async () => {
    const { user, account } = await createUserWithAccount({ name: "Plaid Checking", mask: "1234" });
    await createPreferences({ userId: user.id, bankAccountId: account.id, accountAlias: "Bills" });
    const older = await createNotification({ userId: user.id, bankAccountId: account.id, title: "Older" });
    const newer = await createNotification({ userId: user.id, title: "Newer", reason: "A new merchant." });
    await createNotification({ userId: user.id, title: "Not in the app", inApp: false });
    await setCreatedAt(older.id, "2026-11-20T10:00:00Z");
    await setCreatedAt(newer.id, "2026-11-21T10:00:00Z");

    const { items, nextCursor } = await listNotifications({ userId: user.id });
    expect(items.map((item) => item.title)).toEqual(["Newer", "Older"]);
    expect(nextCursor).toBeNull();
    expect(items[0]).toMatchObject({ reason: "A new merchant.", account: null, readAt: null, kind: "low_balance" });
    expect(items[1]?.account).toEqual({ id: account.id, displayName: "Bills", mask: "1234" });
  });

  it("shows the bank's name without an alias, and no account once the account is gone", async () => {
    const { user, account } = await createUserWithAccount({ name: "Plaid Saving", mask: null });
    const { id } = await createNotification({ userId: user.id, bankAccountId: account.id });
    expect((await listNotifications({ userId: user.id })).items[0]?.account).toEqual({
      id: account.id,
      displayName: "Plaid Saving",
      mask: null,
    });

    await db.bankAccount.delete({ where: { id: account.id } });
    const { items } = await listNotifications({ userId: user.id });
    expect(items.map((item) => [item.id, item.account])).toEqual([[id, null]]);
  });

  it("names the connection of a reconnect alert", async () => {
    const { user, connection } = await createUserWithAccount({}, { institutionName: "Tattersall" });
    await createNotification({ userId: user.id, kind: "reconnect_required", plaidConnectionId: connection.id });
    const [item] = (await listNotifications({ userId: user.id })).items;
    expect(item?.connection).toEqual({ id: connection.id, institutionName: "Tattersall" });
  });

  it("pages through every notification once, ties and microseconds included", async () => {
    const user = await createUser();
    const rows = await Promise.all(Array.from({ length: 7 }, () => createNotification({ userId: user.id })));
    // Three share one instant; two differ only below the millisecond, which a Date cannot hold.
    const stamps = [
      "2026-11-20T10:00:00.000000Z",
      "2026-11-20T10:00:00.000000Z",
      "2026-11-20T10:00:00.000000Z",
      "2026-11-20T10:00:01.123456Z",
      "2026-11-20T10:00:01.123400Z",
      "2026-11-20T10:00:02Z",
      "2026-11-20T09:00:00Z",
    ];
    await Promise.all(rows.map((row, index) => setCreatedAt(row.id, stamps[index] as string)));
    const expected = await db.$queryRaw<{ id: string }[]>`
      SELECT id::text AS id FROM notifications WHERE user_id = ${user.id}::uuid ORDER BY created_at DESC, id DESC`;

    for (const limit of [1, 2, 3, 7, 10]) {
      expect(await allPages(user.id, "all", limit)).toEqual(expected.map((row) => row.id));
    }
  });

  it("pages the unread ones only, and keeps its place while one on an earlier page is read", async () => {
    const user = await createUser();
    const rows = [];
    for (let index = 0; index < 5; index++) {
      const row = await createNotification({ userId: user.id, title: `N${index}` });
      await setCreatedAt(row.id, `2026-11-2${index}T10:00:00Z`);
      rows.push(row);
    }
    await markRead({ userId: user.id, id: rows[2]?.id as string });

    const first = await listNotifications({ userId: user.id, filter: "unread", limit: 2 });
    expect(first.items.map((item) => item.title)).toEqual(["N4", "N3"]);
    await markRead({ userId: user.id, id: rows[3]?.id as string });
    const second = await listNotifications({ userId: user.id, filter: "unread", cursor: first.nextCursor, limit: 2 });
    expect(second.items.map((item) => item.title)).toEqual(["N1", "N0"]);
    expect(second.nextCursor).toBeNull();
  });

  it("gives an empty page for another user's cursor or a malformed one", async () => {
    const user = await createUser();
    const other = await createUser();
    await createNotification({ userId: user.id });
    const foreign = await createNotification({ userId: other.id });
    expect((await listNotifications({ userId: user.id, cursor: foreign.id })).items).toEqual([]);
    expect((await listNotifications({ userId: user.id, cursor: "not-a-uuid" })).items).toEqual([]);
    expect((await listNotifications({ userId: other.id })).items.map((item) => item.id)).toEqual([foreign.id]);
  });
});

describe("markRead", () => {
  it("marks the user's own notification read once, keeping the first read time", async () => {
    const user = await createUser();
    const { id } = await createNotification({ userId: user.id });
    expect(await markRead({ userId: user.id, id })).toBe("marked");
    const { readAt } = await db.notification.findUniqueOrThrow({ where: { id } });
    expect(readAt).not.toBeNull();
    expect(await markRead({ userId: user.id, id: id.toUpperCase() })).toBe("already_read");
    expect((await db.notification.findUniqueOrThrow({ where: { id } })).readAt).toEqual(readAt);
    expect(await countUnread(user.id)).toBe(0);
  });

  it("treats another user's notification, an unknown id and a non-in-app one as not found", async () => {
    const owner = await createUser();
    const intruder = await createUser();
    const { id } = await createNotification({ userId: owner.id });
    const hidden = await createNotification({ userId: intruder.id, inApp: false });
    for (const attempt of [id, randomUUID(), "42", hidden.id]) {
      const error = await markRead({ userId: intruder.id, id: attempt }).catch((caught: unknown) => caught);
      expect(isAppError(error, "notification:not_found")).toBe(true);
    }
    expect((await db.notification.findUniqueOrThrow({ where: { id } })).readAt).toBeNull();
    expect(await countUnread(owner.id)).toBe(1);
  });
});

describe("markAllRead", () => {
  it("marks every unread in-app notification of the user and says how many", async () => {
    const user = await createUser();
    const other = await createUser();
    await createNotification({ userId: user.id });
    await createNotification({ userId: user.id });
    await createNotification({ userId: user.id, readAt: new Date("2026-11-01T00:00:00Z") });
    await createNotification({ userId: user.id, inApp: false });
    await createNotification({ userId: other.id });

    expect(await markAllRead({ userId: user.id })).toBe(2);
    expect(await countUnread(user.id)).toBe(0);
    expect(await countUnread(other.id)).toBe(1);
    expect(await markAllRead({ userId: user.id })).toBe(0);
    const kept = await db.notification.count({ where: { userId: user.id, readAt: new Date("2026-11-01T00:00:00Z") } });
    expect(kept).toBe(1);
  });
});
