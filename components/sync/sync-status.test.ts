import { describe, expect, it } from "vitest";
import { describeSync, isSyncRunning, type SyncSnapshot } from "./sync-status";

const run = (overrides: Partial<SyncSnapshot> = {}, counts: Partial<SyncSnapshot["counts"]> = {}): SyncSnapshot => ({
  id: "run",
  status: "pending",
  syncType: "manual",
  trigger: "manual",
  startedAt: null,
  completedAt: null,
  errorCode: null,
  errorMessage: null,
  retryAfter: null,
  ...overrides,
  counts: { processed: 0, added: 0, updated: 0, deleted: 0, failed: 0, ...counts },
});

describe("describeSync", () => {
  it("says a run is queued, then how many transactions it has gone through", () => {
    expect(describeSync(run())).toEqual({ text: "Queued…", tone: "progress" });
    const now = new Date("2026-11-20T12:00:00Z");
    expect(describeSync(run({ retryAfter: "2026-11-20T12:00:30Z" }), now).text).toBe(
      "Queued… waiting a little, as the bank asked, before trying again",
    );
    expect(describeSync(run({ retryAfter: "2026-11-20T11:59:30Z" }), now).text).toBe("Queued…");
    expect(describeSync({ ...run(), step: "refreshing" }).text).toBe("Asking your bank for new transactions…");
    expect(describeSync(run({ step: "waiting_for_service" }))).toEqual({
      text: "Waiting for the sync service…",
      tone: "progress",
    });
    expect(describeSync(run({ status: "in_progress" })).text).toBe("Syncing…");
    expect(describeSync(run({ status: "in_progress" }, { processed: 1 })).text).toBe("Syncing… 1 transaction");
    expect(describeSync(run({ status: "in_progress" }, { processed: 1234 })).text).toBe("Syncing… 1,234 transactions");
  });

  it("sums up what a finished run changed", () => {
    expect(describeSync(run({ status: "success" }, { added: 12, updated: 3, deleted: 1 }))).toEqual({
      text: "Synced: 12 added, 3 updated, 1 removed",
      tone: "success",
    });
    expect(describeSync(run({ status: "partial" }, { added: 1900, failed: 2 }))).toEqual({
      text: "Synced with problems: 1,900 added, 0 updated, 0 removed, 2 failed",
      tone: "error",
    });
  });

  it("gives the stored reason for a failure, and what to do next", () => {
    const down = run({
      status: "failed",
      errorCode: "INSTITUTION_DOWN",
      errorMessage: "This financial institution is not currently responding to requests",
      retryAfter: "2026-11-20T12:30:00.000Z",
    });
    expect(describeSync(down)).toEqual({
      text: "Sync failed: This financial institution is not currently responding to requests. Mingus will try again later.",
      tone: "error",
    });
    expect(
      describeSync(run({ status: "failed", errorCode: "ITEM_LOGIN_REQUIRED", errorMessage: "Sign in again." })).text,
    ).toBe("Sync failed: Sign in again. Reconnect to sync again.");
    expect(describeSync(run({ status: "failed" })).text).toBe("Sync failed: Something went wrong at the bank.");
  });

  it("knows which statuses are still going", () => {
    expect(["pending", "in_progress", "success", "partial", "failed"].map(isSyncRunning)).toEqual([
      true,
      true,
      false,
      false,
      false,
    ]);
  });
});
