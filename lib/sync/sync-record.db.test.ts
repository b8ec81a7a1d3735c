import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { createSync, createUserWithAccount } from "@/lib/test/factories";
import { incrementRetry, markCompleted, serializeSync } from "./sync-record";

const startedAt = new Date("2026-06-01T10:00:00.000Z");
const completedAt = new Date("2026-06-01T10:00:42.500Z");
const counts = { processed: 25, added: 10, updated: 12, deleted: 2, failed: 1 };

async function openSync(scope: "account" | "connection" = "account") {
  const { account, connection } = await createUserWithAccount();
  const sync = await createSync({
    plaidConnectionId: connection.id,
    bankAccountId: scope === "account" ? account.id : null,
    status: "in_progress",
    startedAt,
  });
  return { account, connection, sync };
}

describe("markCompleted", () => {
  it("finishes a sync: status, completion time, duration from started_at and every count", async () => {
    const { sync } = await openSync();
    const done = await markCompleted({ syncId: sync.id, status: "partial", completedAt, counts });
    expect(done).toMatchObject({
      status: "partial",
      completedAt,
      duration: 42.5,
      recordsProcessed: 25,
      recordsAdded: 10,
      recordsUpdated: 12,
      recordsDeleted: 2,
      recordsFailed: 1,
    });
    expect(await db.transactionSync.findUniqueOrThrow({ where: { id: sync.id } })).toEqual(done);
  });

  it("takes a given duration over the clock and leaves counts alone when none are given", async () => {
    const { sync } = await openSync();
    await db.transactionSync.update({ where: { id: sync.id }, data: { recordsAdded: 7 } });
    const done = await markCompleted({ syncId: sync.id, status: "success", completedAt, duration: 2.5 });
    expect(done).toMatchObject({ duration: 2.5, recordsAdded: 7, recordsProcessed: 0 });
  });

  it("a success stamps last_sync_at on the account and the connection", async () => {
    const { account, connection, sync } = await openSync();
    await markCompleted({ syncId: sync.id, status: "success", completedAt });
    expect((await db.bankAccount.findUniqueOrThrow({ where: { id: account.id } })).lastSyncAt).toEqual(completedAt);
    expect((await db.plaidConnection.findUniqueOrThrow({ where: { id: connection.id } })).lastSyncAt).toEqual(
      completedAt,
    );
  });

  it("a connection-wide success stamps every account of the connection", async () => {
    const { account, sync } = await openSync("connection");
    await markCompleted({ syncId: sync.id, status: "success", completedAt });
    expect((await db.bankAccount.findUniqueOrThrow({ where: { id: account.id } })).lastSyncAt).toEqual(completedAt);
  });

  it("a failed sync records its error and stamps nothing", async () => {
    const { account, connection, sync } = await openSync();
    const done = await markCompleted({
      syncId: sync.id,
      status: "failed",
      completedAt,
      errorMessage: "Institution unavailable",
      errorCode: "INSTITUTION_DOWN",
    });
    expect(done).toMatchObject({
      status: "failed",
      errorMessage: "Institution unavailable",
      errorCode: "INSTITUTION_DOWN",
    });
    expect((await db.bankAccount.findUniqueOrThrow({ where: { id: account.id } })).lastSyncAt).toBeNull();
    expect((await db.plaidConnection.findUniqueOrThrow({ where: { id: connection.id } })).lastSyncAt).toBeNull();
  });

  it.each(["success", "failed", "partial", "cancelled"] as const)(
    "refuses to finish a sync already %s",
    async (first) => {
      const { sync } = await openSync();
      const done = await markCompleted({ syncId: sync.id, status: first, completedAt, counts });
      const again = markCompleted({
        syncId: sync.id,
        status: "success",
        completedAt: new Date(),
        counts: { ...counts, added: 99 },
      });
      await expect(again).rejects.toThrow(AppError);
      await expect(again).rejects.toMatchObject({ code: "sync:already_completed" });
      expect(await db.transactionSync.findUniqueOrThrow({ where: { id: sync.id } })).toEqual(done);
    },
  );

  it("lets exactly one of two racing finishers win", async () => {
    const { sync } = await openSync();
    const results = await Promise.allSettled([
      markCompleted({ syncId: sync.id, status: "success", completedAt }),
      markCompleted({ syncId: sync.id, status: "failed", completedAt }),
    ]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
  });

  it("refuses an end before the start, an open status and an unknown sync, writing nothing", async () => {
    const { sync } = await openSync();
    const early = new Date(startedAt.getTime() - 1_000);
    await expect(markCompleted({ syncId: sync.id, status: "success", completedAt: early })).rejects.toThrow(
      /before it started/,
    );
    await expect(markCompleted({ syncId: sync.id, status: "pending" as "success" })).rejects.toMatchObject({
      code: "sync:invalid_completion",
    });
    await expect(
      markCompleted({ syncId: "00000000-0000-4000-8000-000000000000", status: "success" }),
    ).rejects.toMatchObject({ code: "sync:not_found" });
    expect((await db.transactionSync.findUniqueOrThrow({ where: { id: sync.id } })).status).toBe("in_progress");
  });
});

describe("incrementRetry", () => {
  const now = new Date("2026-06-01T11:00:00.000Z");

  it("counts the retry and schedules it after a growing backoff", async () => {
    const { sync } = await openSync();
    const first = await incrementRetry({ syncId: sync.id, now });
    expect(first.retryCount).toBe(1);
    expect(first.retryAfter?.getTime()).toBeGreaterThanOrEqual(now.getTime() + 30_000);
    expect(first.retryAfter?.getTime()).toBeLessThan(now.getTime() + 60_000);

    const third = await incrementRetry({ syncId: sync.id, now }).then(() => incrementRetry({ syncId: sync.id, now }));
    expect(third.retryCount).toBe(3);
    expect(third.retryAfter?.getTime()).toBeGreaterThanOrEqual(now.getTime() + 120_000);
    expect(third.retryAfter?.getTime()).toBeLessThan(now.getTime() + 240_000);
  });

  it("uses the given retry time as is", async () => {
    const { sync } = await openSync();
    const retryAfter = new Date("2026-06-02T00:00:00.000Z");
    expect(await incrementRetry({ syncId: sync.id, retryAfter })).toMatchObject({ retryCount: 1, retryAfter });
  });

  it("counts concurrent retries without losing any", async () => {
    const { sync } = await openSync();
    await Promise.all([1, 2, 3, 4].map(() => incrementRetry({ syncId: sync.id, now })));
    expect((await db.transactionSync.findUniqueOrThrow({ where: { id: sync.id } })).retryCount).toBe(4);
  });

  it("reports an unknown sync clearly", async () => {
    await expect(incrementRetry({ syncId: "00000000-0000-4000-8000-000000000000" })).rejects.toMatchObject({
      code: "sync:not_found",
    });
    await expect(incrementRetry({ syncId: "nope" })).rejects.toMatchObject({ code: "sync:not_found" });
  });
});

describe("serializeSync", () => {
  it("is JSON-safe, with ISO dates and null for unset times", async () => {
    const { sync } = await openSync();
    const json = serializeSync(await markCompleted({ syncId: sync.id, status: "success", completedAt, counts }));
    expect(json).toMatchObject({
      status: "success",
      startedAt: "2026-06-01T10:00:00.000Z",
      completedAt: "2026-06-01T10:00:42.500Z",
      retryAfter: null,
      duration: 42.5,
      recordsAdded: 10,
    });
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });
});
