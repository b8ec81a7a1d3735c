// Many items, the bank changing between rounds, and every kind of fault injected at random rates
// (429 with Retry-After, 500, INSTITUTION_DOWN, ITEM_LOGIN_REQUIRED, mutation during pagination,
// latency): each item's transactions end equal to the emulator's truth, and every run has its row.
import { expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { setUpEmulatorServer } from "@/lib/test/emulator";
import type { SyncOutcome } from "./finish-run";

vi.mock("@/lib/plaid/config", () => import("@/lib/test/emulator"));

const { addFault, clearFaults, expectConverged, linkConnection, runSync } = await import("./test-support");
const server = setUpEmulatorServer();

const ITEMS = 10;
const ROUNDS = 4;
const SYNC_ERRORS = [
  "TRANSACTIONS_SYNC_LIMIT",
  "INTERNAL_SERVER_ERROR",
  "INSTITUTION_DOWN",
  "INSTITUTION_NOT_RESPONDING",
  "ITEM_LOGIN_REQUIRED",
];

/** A small seeded generator (mulberry32) for the test's own choices; the emulator draws its faults itself. */
function seeded(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function injectFaults(random: () => number) {
  for (const error_code of SYNC_ERRORS) {
    await addFault(server, { endpoint: "/transactions/sync", error_code, rate: 0.02, retry_after_seconds: 30 });
  }
  await addFault(server, { endpoint: "/transactions/sync", mutate_during_pagination: true, rate: 0.2 });
  await addFault(server, { endpoint: "/accounts/balance/get", error_code: "ACCOUNTS_BALANCE_GET_LIMIT", rate: 0.5 });
  await addFault(server, { endpoint: "/accounts/get", error_code: "INTERNAL_SERVER_ERROR", rate: 0.05 });
  await addFault(server, { latency_ms: Math.floor(random() * 30), rate: 0.3 });
}

it("ends every item equal to the truth under random faults, with a run row for every run", async () => {
  const random = seeded(20261124);
  const connections = [];
  for (let index = 0; index < ITEMS; index++) {
    connections.push(await linkConnection(server, { username: index % 2 ? "user_transactions_dynamic" : "user_good" }));
  }
  const outcomes: SyncOutcome[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    await clearFaults(server);
    for (const connection of connections) {
      if (round > 0 && random() < 0.6) await server.api.transactionsRefresh({ access_token: connection.accessToken });
    }
    await injectFaults(random);
    for (const connection of connections) {
      const pageSize = [250, 500][Math.floor(random() * 2)];
      const outcome = await runSync({ connectionId: connection.connectionId, pageSize });
      outcomes.push(outcome);
      if (outcome.requiresReauth) {
        // What the person's reconnect (Link's update mode) does; the injected error was not the item's.
        await db.plaidConnection.update({ where: { id: connection.connectionId }, data: { requiresReauth: false } });
      }
    }
  }
  await clearFaults(server);

  const failures = outcomes.filter((outcome) => outcome.status === "failed");
  expect(failures.length).toBeGreaterThan(0);
  expect(outcomes.filter((outcome) => outcome.status === "success").length).toBeGreaterThan(0);
  for (const failure of failures) {
    expect([...SYNC_ERRORS, "TRANSACTIONS_SYNC_MUTATION_DURING_PAGINATION", "INTERNAL_SERVER_ERROR"]).toContain(
      failure.errorCode,
    );
    // Every failure has its retry time, except the one only the person can fix.
    if (failure.errorCode === "ITEM_LOGIN_REQUIRED") expect(failure.retryAfter).toBeNull();
    else expect(failure.retryAfter).toBeInstanceOf(Date);
  }

  for (const connection of connections) {
    const final = await runSync({ connectionId: connection.connectionId });
    expect(final.status).toBe("success");
    await expectConverged(server, connection);
  }

  const rows = await db.transactionSync.findMany({
    where: { plaidConnectionId: { in: connections.map((c) => c.connectionId) }, status: { not: "pending" } },
  });
  expect(rows).toHaveLength(outcomes.length + ITEMS);
  const byId = new Map(rows.map((row) => [row.id, row]));
  for (const outcome of outcomes) {
    expect(byId.get(outcome.syncId)).toMatchObject({
      status: outcome.status,
      errorCode: outcome.errorCode,
      retryAfter: outcome.retryAfter,
      recordsAdded: outcome.counts.added,
      recordsDeleted: outcome.counts.deleted,
    });
    expect(byId.get(outcome.syncId)?.completedAt).toBeInstanceOf(Date);
  }
}, 300_000);
