// Sync now with PLAID_TRANSACTIONS_REFRESH: /transactions/refresh first (recorded), at most once per
// connection per 30 minutes, then a run held for the SYNC_UPDATES_AVAILABLE that follows (released by
// the webhook's request, run by the sweep after the wait otherwise); off, Sync now is as before.
import { describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { setUpEmulatorServer } from "@/lib/test/emulator";

vi.mock("@/lib/plaid/config", () => import("@/lib/test/emulator"));

const { startManualSync } = await import("./sync-now");
const { requestSync } = await import("./request-sync");
const { getLatestSyncForConnection } = await import("./progress");
const { findRunnablePendingSyncs } = await import("./queue/scheduler");
const { REFRESH_WAIT_MS } = await import("./transactions-refresh");
const { linkConnection } = await import("./engine/test-support");
const server = setUpEmulatorServer();

const MINUTE = 60_000;
const refreshCalls = (connectionId: string) =>
  db.plaidApiCall.count({ where: { plaidConnectionId: connectionId, endpoint: "/transactions/refresh" } });
const pendingRun = (connectionId: string) =>
  db.transactionSync.findFirstOrThrow({ where: { plaidConnectionId: connectionId, status: "pending" } });
/** The link's initial run, out of the way: the person's Sync now comes later. */
const clearRuns = (connectionId: string) =>
  db.transactionSync.updateMany({
    where: { plaidConnectionId: connectionId, status: "pending" },
    data: { status: "cancelled", completedAt: new Date() },
  });

describe("Sync now with /transactions/refresh", () => {
  it("off: no refresh, and the run is not held", async () => {
    const { userId, connectionId } = await linkConnection(server);
    await clearRuns(connectionId);
    const outcome = await startManualSync({ userId, connectionId, refresh: false });
    expect(outcome.result).toBe("started");
    expect(await refreshCalls(connectionId)).toBe(0);
    expect((await pendingRun(connectionId)).retryAfter).toBeNull();
    expect((await getLatestSyncForConnection({ userId, connectionId }))?.step).toBeNull();
  });

  it("on: refreshes, holds the run for the webhook, and says so", async () => {
    const { userId, connectionId } = await linkConnection(server);
    await clearRuns(connectionId);
    const now = new Date();
    const outcome = await startManualSync({ userId, connectionId, refresh: true, now });
    expect(outcome.result).toBe("started");
    expect(await refreshCalls(connectionId)).toBe(1);
    const held = await pendingRun(connectionId);
    expect(held.retryAfter).toEqual(new Date(now.getTime() + REFRESH_WAIT_MS));
    expect(held.context).toMatchObject({ trigger: "manual", awaiting: "transactions_refresh" });
    expect((await getLatestSyncForConnection({ userId, connectionId }))?.step).toBe("refreshing");
    expect(
      (await db.plaidConnection.findUniqueOrThrow({ where: { id: connectionId } })).transactionsRefreshedAt,
    ).toEqual(now);
    // Held: not runnable yet.
    expect((await findRunnablePendingSyncs()).map((job) => job.connectionId)).not.toContain(connectionId);

    // A scheduled request does not release it; the webhook's does.
    await requestSync({ connectionId, syncType: "incremental", trigger: "schedule" });
    expect((await pendingRun(connectionId)).retryAfter).not.toBeNull();
    expect(await requestSync({ connectionId, syncType: "incremental", trigger: "webhook" })).toBe("already_queued");
    const released = await pendingRun(connectionId);
    expect(released.id).toBe(held.id);
    expect(released.retryAfter).toBeNull();
    expect((await getLatestSyncForConnection({ userId, connectionId }))?.step).toBeNull();
    expect((await findRunnablePendingSyncs()).map((job) => job.connectionId)).toContain(connectionId);
  });

  it("without a webhook, the run becomes due when the wait is over", async () => {
    const { userId, connectionId } = await linkConnection(server);
    await clearRuns(connectionId);
    // Asked long enough ago that the wait is over now.
    await startManualSync({ userId, connectionId, refresh: true, now: new Date(Date.now() - REFRESH_WAIT_MS - 1000) });
    expect((await findRunnablePendingSyncs()).map((job) => job.connectionId)).toContain(connectionId);
    expect((await getLatestSyncForConnection({ userId, connectionId }))?.step).toBeNull();
  });

  it("refreshes at most once per connection per 30 minutes", async () => {
    const { userId, connectionId } = await linkConnection(server);
    const start = new Date();
    await clearRuns(connectionId);
    await startManualSync({ userId, connectionId, refresh: true, now: start });
    await clearRuns(connectionId);
    const again = await startManualSync({
      userId,
      connectionId,
      refresh: true,
      now: new Date(start.getTime() + 10 * MINUTE),
    });
    expect(again.result).toBe("started");
    expect(await refreshCalls(connectionId)).toBe(1);
    // Throttled: an ordinary sync, not held.
    expect((await pendingRun(connectionId)).retryAfter).toBeNull();
    await clearRuns(connectionId);
    await startManualSync({ userId, connectionId, refresh: true, now: new Date(start.getTime() + 31 * MINUTE) });
    expect(await refreshCalls(connectionId)).toBe(2);
  });

  it("a refresh Plaid refuses still syncs at once", async () => {
    const { userId, connectionId, itemId } = await linkConnection(server);
    await clearRuns(connectionId);
    await server.post("/emulator/faults", {
      item_id: itemId,
      endpoint: "/transactions/refresh",
      error_code: "PRODUCTS_NOT_SUPPORTED",
    });
    const outcome = await startManualSync({ userId, connectionId, refresh: true });
    expect(outcome.result).toBe("started");
    expect(await refreshCalls(connectionId)).toBe(1);
    expect((await pendingRun(connectionId)).retryAfter).toBeNull();
  });
});
