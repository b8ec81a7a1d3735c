// An admin's retry, pause and resume of a connection, and everyone else refused as if it did not exist.
import { randomUUID } from "node:crypto";
import { describe, expect, test } from "vitest";
import { db } from "@/lib/db";
import { isAppError } from "@/lib/errors";
import { createConnection, createUser } from "@/lib/test/factories";
import { pauseConnection, resumeConnection, retryConnectionSync } from "./connection-actions";

const NOW = new Date("2026-11-20T12:00:00Z");

async function setup() {
  const admin = await createUser({ role: "admin" });
  const owner = await createUser();
  const connection = await createConnection({
    userId: owner.id,
    syncFrequency: "daily",
    lastSyncAt: new Date("2026-11-18T06:00:00Z"),
    nextSyncAt: new Date("2026-11-21T06:00:00Z"),
  });
  return { admin, owner, connection };
}

const reload = (id: string) => db.plaidConnection.findUniqueOrThrow({ where: { id } });

describe("retry", () => {
  test("queues one pending manual sync marked as the admin's retry, due now", async () => {
    const { admin, connection } = await setup();
    expect(await retryConnectionSync({ actorId: admin.id, connectionId: connection.id, now: NOW })).toBe("queued");
    expect(await retryConnectionSync({ actorId: admin.id, connectionId: connection.id, now: NOW })).toBe(
      "already_queued",
    );
    const syncs = await db.transactionSync.findMany({ where: { plaidConnectionId: connection.id } });
    expect(syncs).toHaveLength(1);
    expect(syncs[0]).toMatchObject({
      syncType: "manual",
      status: "pending",
      bankAccountId: null,
      retryAfter: null,
      context: { trigger: "admin_retry", requested_by: admin.id },
    });
    expect((await reload(connection.id)).nextSyncAt).toEqual(NOW);
    // Queued, not finished: the statistics do not count it.
    expect(await db.syncStatsTotal.count({ where: { plaidConnectionId: connection.id } })).toBe(0);
  });

  test("is refused while the connection is paused", async () => {
    const { admin, connection } = await setup();
    await pauseConnection({ actorId: admin.id, connectionId: connection.id, now: NOW });
    expect(await retryConnectionSync({ actorId: admin.id, connectionId: connection.id, now: NOW })).toBe("paused");
    expect(await db.transactionSync.count({ where: { plaidConnectionId: connection.id } })).toBe(0);
  });
});

describe("pause and resume", () => {
  test("pausing stamps paused_at and unschedules; resuming schedules from the last sync", async () => {
    const { admin, connection } = await setup();
    expect(await pauseConnection({ actorId: admin.id, connectionId: connection.id, now: NOW })).toBe("paused");
    const later = new Date(NOW.getTime() + 60_000);
    expect(await pauseConnection({ actorId: admin.id, connectionId: connection.id, now: later })).toBe(
      "already_paused",
    );
    expect(await reload(connection.id)).toMatchObject({ pausedAt: NOW, nextSyncAt: null });

    expect(await resumeConnection({ actorId: admin.id, connectionId: connection.id, now: later })).toBe("resumed");
    // Overdue while paused (a day after 2026-11-18 06:00): due at once.
    expect(await reload(connection.id)).toMatchObject({
      pausedAt: null,
      nextSyncAt: new Date("2026-11-19T06:00:00Z"),
    });
    expect(await resumeConnection({ actorId: admin.id, connectionId: connection.id, now: later })).toBe("not_paused");
  });
});

describe("the audit log", () => {
  test("each action is recorded on the owner's account, with the admin who did it", async () => {
    const { admin, owner, connection } = await setup();
    await pauseConnection({ actorId: admin.id, connectionId: connection.id, now: NOW });
    const events = await db.auditEvent.findMany({ where: { userId: owner.id } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      action: "admin_connection_action",
      actorId: admin.id,
      detail: { action: "pause", connectionId: connection.id, result: "paused" },
    });
  });
});

describe("authorization", () => {
  const actions = [
    ["retry", retryConnectionSync],
    ["pause", pauseConnection],
    ["resume", resumeConnection],
  ] as const;

  test.each(actions)("%s: a non-admin, even the owner, gets not-found and changes nothing", async (_name, action) => {
    const { owner, connection } = await setup();
    await db.plaidConnection.update({ where: { id: connection.id }, data: { pausedAt: NOW } });
    const before = await reload(connection.id);
    for (const actorId of [owner.id, randomUUID()]) {
      const error = await action({ actorId, connectionId: connection.id, now: NOW }).catch((e: unknown) => e);
      expect(isAppError(error, "connection:not_found")).toBe(true);
    }
    expect(await reload(connection.id)).toEqual(before);
    expect(await db.transactionSync.count({ where: { plaidConnectionId: connection.id } })).toBe(0);
  });

  test.each(actions)("%s: an unknown or malformed connection id is not found", async (_name, action) => {
    const { admin } = await setup();
    for (const connectionId of [randomUUID(), "not-a-uuid"]) {
      const error = await action({ actorId: admin.id, connectionId, now: NOW }).catch((e: unknown) => e);
      expect(isAppError(error, "connection:not_found")).toBe(true);
    }
  });
});
