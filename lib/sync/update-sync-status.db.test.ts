import { describe, expect, it } from "vitest";
import { db, type Prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { createConnection, createUser } from "@/lib/test/factories";
import { updateSyncStatus } from "./update-sync-status";

const MINUTE = 60_000;
const now = new Date("2026-04-01T12:00:00.000Z");
const later = (ms: number) => new Date(now.getTime() + ms);

async function connection(data: Partial<Prisma.PlaidConnectionUncheckedCreateInput> = {}) {
  const user = await createUser();
  return createConnection({ userId: user.id, ...data });
}

describe("updateSyncStatus: success", () => {
  it("clears the counters, keeps the last error as history and schedules one interval from now", async () => {
    const lastErrorAt = new Date("2026-04-01T11:00:00.000Z");
    const { id } = await connection({ errorCount: 3, retryCount: 2, lastError: "INSTITUTION_DOWN", lastErrorAt });

    const updated = await updateSyncStatus({ connectionId: id, success: true, now });
    expect(updated).toMatchObject({ errorCount: 0, retryCount: 0, lastError: "INSTITUTION_DOWN", lastErrorAt });
    expect(updated.nextSyncAt).toEqual(later(24 * 60 * MINUTE));
    expect(await db.plaidConnection.findUniqueOrThrow({ where: { id } })).toEqual(updated);
  });

  it("schedules nothing for a manual connection and waits out a maintenance window", async () => {
    const manual = await connection({ syncFrequency: "manual", nextSyncAt: now });
    expect((await updateSyncStatus({ connectionId: manual.id, success: true, now })).nextSyncAt).toBeNull();

    const maintenanceUntil = later(3 * 60 * MINUTE);
    const hourly = await connection({ syncFrequency: "hourly", maintenanceUntil });
    expect((await updateSyncStatus({ connectionId: hourly.id, success: true, now })).nextSyncAt).toEqual(
      maintenanceUntil,
    );
  });

  it("does not clear requires_reauth: a pending disconnect still syncs until it is cut off", async () => {
    const { id } = await connection({ requiresReauth: true });
    expect((await updateSyncStatus({ connectionId: id, success: true, now })).requiresReauth).toBe(true);
  });
});

describe("updateSyncStatus: failure", () => {
  it("counts the failure, records the error and retries after a backoff that grows", async () => {
    const { id } = await connection({ syncFrequency: "weekly" });

    const first = await updateSyncStatus({ connectionId: id, success: false, errorMessage: "Bank timed out", now });
    expect(first).toMatchObject({ errorCount: 1, retryCount: 1, lastError: "Bank timed out", lastErrorAt: now });
    expect(first.requiresReauth).toBe(false);
    // Attempt 1: one minute, equal jitter puts it in [30s, 60s).
    expect(first.nextSyncAt?.getTime()).toBeGreaterThanOrEqual(later(0.5 * MINUTE).getTime());
    expect(first.nextSyncAt?.getTime()).toBeLessThan(later(MINUTE).getTime());

    const second = await updateSyncStatus({ connectionId: id, success: false, errorCode: "INSTITUTION_DOWN", now });
    expect(second).toMatchObject({ errorCount: 2, retryCount: 2, lastError: "INSTITUTION_DOWN" });
    expect(second.nextSyncAt?.getTime()).toBeGreaterThanOrEqual(later(MINUTE).getTime());
    expect(second.nextSyncAt?.getTime()).toBeLessThan(later(2 * MINUTE).getTime());
  });

  it("counts concurrent failures without losing any", async () => {
    const { id } = await connection();
    await Promise.all(
      Array.from({ length: 5 }, () =>
        updateSyncStatus({ connectionId: id, success: false, errorMessage: "boom", now }),
      ),
    );
    expect(await db.plaidConnection.findUniqueOrThrow({ where: { id } })).toMatchObject({
      errorCount: 5,
      retryCount: 5,
    });
  });

  it("never retries inside a maintenance window", async () => {
    const maintenanceUntil = later(2 * 60 * MINUTE);
    const { id } = await connection({ maintenanceUntil });
    const updated = await updateSyncStatus({ connectionId: id, success: false, errorMessage: "down", now });
    expect(updated.nextSyncAt).toEqual(maintenanceUntil);
  });

  it.each(["ITEM_LOGIN_REQUIRED", "USER_PERMISSION_REVOKED", "ACCESS_NOT_GRANTED"])(
    "%s flags the connection for re-authentication",
    async (code) => {
      const { id } = await connection();
      const updated = await updateSyncStatus({
        connectionId: id,
        success: false,
        errorCode: code,
        errorMessage: "x",
        now,
      });
      expect(updated.requiresReauth).toBe(true);
    },
  );

  it.each(["ITEM_LOGIN_REQUIRED", "USER_PERMISSION_REVOKED"])(
    "%s schedules nothing until the person reconnects",
    async (errorCode) => {
      const { id } = await connection({ nextSyncAt: now });
      const updated = await updateSyncStatus({ connectionId: id, success: false, errorCode, now });
      expect(updated).toMatchObject({ requiresReauth: true, nextSyncAt: null, errorCount: 1 });
    },
  );

  it("a connection whose access ends soon (PENDING_DISCONNECT) keeps its schedule and is not flagged", async () => {
    const { id } = await connection({ accessEndsAt: later(3 * 24 * 60 * MINUTE) });
    const updated = await updateSyncStatus({ connectionId: id, success: true, now });
    expect(updated.requiresReauth).toBe(false);
    expect(updated.nextSyncAt).not.toBeNull();
  });

  it("retries at the given time instead of the backoff, still outside maintenance", async () => {
    const { id } = await connection();
    const retryAt = later(17 * MINUTE);
    const updated = await updateSyncStatus({ connectionId: id, success: false, errorCode: "RATE_LIMIT", retryAt, now });
    expect(updated.nextSyncAt).toEqual(retryAt);

    const maintenanceUntil = later(60 * MINUTE);
    const busy = await connection({ maintenanceUntil });
    expect((await updateSyncStatus({ connectionId: busy.id, success: false, retryAt, now })).nextSyncAt).toEqual(
      maintenanceUntil,
    );
  });

  it("other error codes leave re-authentication alone", async () => {
    const { id } = await connection();
    const updated = await updateSyncStatus({ connectionId: id, success: false, errorCode: "RATE_LIMIT_EXCEEDED", now });
    expect(updated.requiresReauth).toBe(false);
  });

  it("a success after failures starts the backoff over", async () => {
    const { id } = await connection();
    await updateSyncStatus({ connectionId: id, success: false, now });
    await updateSyncStatus({ connectionId: id, success: false, now });
    await updateSyncStatus({ connectionId: id, success: true, now });
    const failed = await updateSyncStatus({ connectionId: id, success: false, now });
    expect(failed).toMatchObject({ errorCount: 1, retryCount: 1, lastError: "Sync failed" });
    expect(failed.nextSyncAt?.getTime()).toBeLessThan(later(MINUTE).getTime());
  });
});

describe("updateSyncStatus: paused connection", () => {
  it.each([true, false])("never schedules a paused connection (success: %s)", async (success) => {
    const { id } = await connection({ pausedAt: later(-MINUTE), nextSyncAt: now, syncFrequency: "hourly" });
    const updated = await updateSyncStatus({ connectionId: id, success, errorMessage: "x", now });
    expect(updated.nextSyncAt).toBeNull();
    expect(updated.errorCount).toBe(success ? 0 : 1);
  });
});

describe("updateSyncStatus: unknown connection", () => {
  it.each(["00000000-0000-4000-8000-000000000000", "not-a-uuid"])("%s is a clear not-found error", async (id) => {
    await expect(updateSyncStatus({ connectionId: id, success: true })).rejects.toThrow(AppError);
  });
});
