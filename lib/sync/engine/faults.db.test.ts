// executeSync under the emulator's injected faults: every failure is recorded with Plaid's code and a
// retry time (or none, for ITEM_LOGIN_REQUIRED), and once the faults clear the next run converges to
// the emulator's truth exactly.
import { describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { setUpEmulatorServer } from "@/lib/test/emulator";

vi.mock("@/lib/plaid/config", () => import("@/lib/test/emulator"));

const { addFault, clearFaults, connectionRow, expectConverged, linkConnection, runRow, runSync } = await import(
  "./test-support"
);
const server = setUpEmulatorServer();

const SECOND = 1000;
const pendingRequests = (connectionId: string) =>
  db.transactionSync.findMany({ where: { plaidConnectionId: connectionId, status: "pending" } });

describe("a rate-limited sync (429)", () => {
  it("fails with Plaid's code and retries at Retry-After, then converges", async () => {
    const connection = await linkConnection(server);
    await addFault(server, {
      item_id: connection.itemId,
      endpoint: "/transactions/sync",
      error_code: "TRANSACTIONS_SYNC_LIMIT",
      remaining: 1,
      retry_after_seconds: 120,
    });
    const started = Date.now();
    const outcome = await runSync({ connectionId: connection.connectionId });
    expect(outcome).toMatchObject({ status: "failed", errorCode: "TRANSACTIONS_SYNC_LIMIT", retryScheduled: true });
    const retryAt = outcome.retryAfter?.getTime() ?? 0;
    expect(retryAt).toBeGreaterThanOrEqual(started + 120 * SECOND);
    expect(retryAt).toBeLessThan(Date.now() + 125 * SECOND);

    const run = await runRow(outcome.syncId);
    expect(run).toMatchObject({
      status: "failed",
      errorCode: "TRANSACTIONS_SYNC_LIMIT",
      retryAfter: outcome.retryAfter,
    });
    expect(run.errorMessage).toBeTruthy();
    expect(run.context).toMatchObject({ error: { error_type: "RATE_LIMIT_EXCEEDED", status: 429 } });
    const stored = await connectionRow(connection.connectionId);
    expect(stored).toMatchObject({
      errorCount: 1,
      retryCount: 1,
      nextSyncAt: outcome.retryAfter,
      requiresReauth: false,
    });
    expect(stored.lastError).toMatch(/^TRANSACTIONS_SYNC_LIMIT: /);
    // The retry waits as a pending request until then.
    const [retry] = await pendingRequests(connection.connectionId);
    expect(retry).toMatchObject({
      retryAfter: outcome.retryAfter,
      retryCount: 1,
      context: { trigger: "retry", retry_of: outcome.syncId },
    });

    const next = await runSync({ connectionId: connection.connectionId });
    expect(next.syncId).toBe(retry?.id);
    expect(next.status).toBe("success");
    await expectConverged(server, connection);
    expect(await connectionRow(connection.connectionId)).toMatchObject({ errorCount: 0, retryCount: 0 });
  });
});

describe.each(["INTERNAL_SERVER_ERROR", "INSTITUTION_DOWN", "INSTITUTION_NOT_RESPONDING", "PLANNED_MAINTENANCE"])(
  "%s",
  (code) => {
    it("fails the run and retries after the backoff", async () => {
      const connection = await linkConnection(server);
      await addFault(server, { item_id: connection.itemId, error_code: code, remaining: 1 });
      const started = Date.now();
      const outcome = await runSync({ connectionId: connection.connectionId });
      expect(outcome).toMatchObject({ status: "failed", errorCode: code, requiresReauth: false, retryScheduled: true });
      // First retry: one minute with equal jitter, in [30 s, 60 s).
      expect(outcome.retryAfter?.getTime()).toBeGreaterThanOrEqual(started + 30 * SECOND);
      expect(outcome.retryAfter?.getTime()).toBeLessThan(Date.now() + 60 * SECOND);
      expect((await connectionRow(connection.connectionId)).nextSyncAt).toEqual(outcome.retryAfter);
      // No Plaid internals in the message a person may see.
      expect(outcome.errorMessage).not.toMatch(/access|request_id/i);

      expect((await runSync({ connectionId: connection.connectionId })).status).toBe("success");
      await expectConverged(server, connection);
    });
  },
);

describe("ITEM_LOGIN_REQUIRED", () => {
  it("flags the connection for reconnecting and schedules nothing", async () => {
    const connection = await linkConnection(server);
    await server.api.sandboxItemResetLogin({ access_token: connection.accessToken });
    const outcome = await runSync({ connectionId: connection.connectionId });
    expect(outcome).toMatchObject({
      status: "failed",
      errorCode: "ITEM_LOGIN_REQUIRED",
      requiresReauth: true,
      retryAfter: null,
      retryScheduled: false,
    });
    expect(await runRow(outcome.syncId)).toMatchObject({ retryAfter: null, errorCode: "ITEM_LOGIN_REQUIRED" });
    expect(await connectionRow(connection.connectionId)).toMatchObject({
      requiresReauth: true,
      nextSyncAt: null,
      lastError: "ITEM_LOGIN_REQUIRED",
      errorCount: 1,
    });
    expect(await pendingRequests(connection.connectionId)).toEqual([]);
  });
});

describe("TRANSACTIONS_SYNC_MUTATION_DURING_PAGINATION", () => {
  it("restarts the pagination from its first cursor and converges", async () => {
    const connection = await linkConnection(server);
    await addFault(server, { item_id: connection.itemId, mutate_during_pagination: true, remaining: 2 });
    const outcome = await runSync({ connectionId: connection.connectionId, pageSize: 300 });
    expect(outcome.status).toBe("success");
    expect((await runRow(outcome.syncId)).context).toMatchObject({ restarts: 2 });
    await expectConverged(server, connection);
  });

  it("gives up after three restarts, to retry later, and the next run converges", async () => {
    const connection = await linkConnection(server);
    await addFault(server, { item_id: connection.itemId, mutate_during_pagination: true, remaining: 4 });
    const outcome = await runSync({ connectionId: connection.connectionId, pageSize: 300 });
    expect(outcome).toMatchObject({
      status: "failed",
      errorCode: "TRANSACTIONS_SYNC_MUTATION_DURING_PAGINATION",
      retryScheduled: true,
    });
    expect((await runRow(outcome.syncId)).context).toMatchObject({ restarts: 3 });
    await clearFaults(server);
    const next = await runSync({ connectionId: connection.connectionId, pageSize: 300 });
    expect(next).toMatchObject({ status: "success", errorCode: null });
    await expectConverged(server, connection);
  });
});

describe("latency", () => {
  it("a slow bank only makes the run longer", async () => {
    const connection = await linkConnection(server);
    await addFault(server, { item_id: connection.itemId, latency_ms: 200 });
    const outcome = await runSync({ connectionId: connection.connectionId });
    expect(outcome.status).toBe("success");
    // Four pages and a balance call, each 200 ms late.
    expect((await runRow(outcome.syncId)).duration).toBeGreaterThanOrEqual(1);
    await expectConverged(server, connection);
  });
});

describe("a transaction id already held by another connection", () => {
  it("is left alone, counted as failed, and the run is partial", async () => {
    const victim = await linkConnection(server);
    await runSync({ connectionId: victim.connectionId });
    const [taken] = await db.transaction.findMany({
      where: { bankAccount: { plaidConnectionId: victim.connectionId } },
      take: 1,
    });
    if (!taken) throw new Error("expected a transaction");
    const attacker = await linkConnection(server);
    // The attacker's item reports a transaction with the victim's id (a Plaid id collision).
    await server.emulator.store.query(
      `UPDATE plaid_emulator.transactions SET transaction_id = $1,
         payload = jsonb_set(payload, '{transaction_id}', to_jsonb($1::text))
       WHERE item_id = $2 AND seq = 1`,
      [taken.transactionId, attacker.itemId],
    );
    const outcome = await runSync({ connectionId: attacker.connectionId });
    expect(outcome.status).toBe("partial");
    expect(outcome.counts.failed).toBe(1);
    expect(outcome.counts.added).toBe(outcome.counts.processed - 1);
    expect(await db.transaction.findUniqueOrThrow({ where: { id: taken.id } })).toEqual(taken);
    // Partial still counts as synced.
    expect(await connectionRow(attacker.connectionId)).toMatchObject({ errorCount: 0 });
  });
});
