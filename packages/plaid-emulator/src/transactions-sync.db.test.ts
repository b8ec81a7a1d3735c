// /transactions/sync's paging as Plaid defines it, through the official client: any page size yields
// the same changes with no duplicates, across refreshes too; a sync client that applies them ends with
// exactly the item's transactions; a change mid-pagination is TRANSACTIONS_SYNC_MUTATION_DURING_PAGINATION.

import { createHash } from "node:crypto";
import type { RemovedTransaction, Transaction } from "plaid";
import { describe, expect, it } from "vitest";
import { createFault } from "./faults.ts";
import { testStore, useEmulatorServer } from "./test-support/test-store.ts";
import { linkSandboxItem, plaidFailure } from "./testing.ts";

const server = useEmulatorServer();

const linkItem = (username = "user_good") => linkSandboxItem(server.api, { override_username: username });

type Changes = { added: Transaction[]; modified: Transaction[]; removed: RemovedTransaction[] };

/** Pages until has_more is false; returns every change and the cursor to continue from. */
async function syncAll(accessToken: string, count: number, cursor?: string) {
  const changes: Changes = { added: [], modified: [], removed: [] };
  let pages = 0;
  for (let next = cursor, more = true; more; pages++) {
    const { data } = await server.api.transactionsSync({ access_token: accessToken, cursor: next, count });
    changes.added.push(...data.added);
    changes.modified.push(...data.modified);
    changes.removed.push(...data.removed);
    expect(data.added.length + data.modified.length + data.removed.length).toBeLessThanOrEqual(count);
    next = data.next_cursor;
    more = data.has_more;
    cursor = data.next_cursor;
  }
  return { changes, cursor: cursor as string, pages };
}

const ids = (list: { transaction_id: string }[]) => list.map((transaction) => transaction.transaction_id);
const sorted = (list: string[]) => [...list].sort();

function expectSameChanges(actual: Changes, expected: Changes) {
  for (const kind of ["added", "modified", "removed"] as const) {
    expect(new Set(ids(actual[kind])).size, `${kind} has duplicates`).toBe(actual[kind].length);
    expect(sorted(ids(actual[kind])), kind).toEqual(sorted(ids(expected[kind])));
  }
}

/** What a sync client holds after applying changes, keyed by transaction id. */
function apply(state: Map<string, Transaction>, changes: Changes) {
  for (const transaction of [...changes.added, ...changes.modified]) state.set(transaction.transaction_id, transaction);
  for (const { transaction_id } of changes.removed) state.delete(transaction_id);
}

async function liveTransactions(accessToken: string): Promise<Transaction[]> {
  const all: Transaction[] = [];
  for (let offset = 0, total = 1; offset < total; offset += 500) {
    const { data } = await server.api.transactionsGet({
      access_token: accessToken,
      start_date: "2000-01-01",
      end_date: "2100-01-01",
      options: { count: 500, offset },
    });
    all.push(...data.transactions);
    total = data.total_transactions;
  }
  return all;
}

describe("/transactions/sync paging", () => {
  it("yields the same history for every page size, with no duplicates", async () => {
    const { access_token } = await linkItem();
    const reference = await syncAll(access_token, 500);
    expect(reference.changes.added.length).toBeGreaterThan(1000);
    expect(reference.changes.modified).toEqual([]);
    expect(reference.changes.removed).toEqual([]);
    for (const count of [250, 333, 499]) {
      const run = await syncAll(access_token, count);
      expect(run.pages).toBe(Math.ceil(reference.changes.added.length / count));
      expectSameChanges(run.changes, reference.changes);
    }
    // The default page is 100.
    const { data } = await server.api.transactionsSync({ access_token });
    expect(data.added).toHaveLength(100);
    // Caught up: the next call has nothing new and no more pages.
    const caughtUp = await server.api.transactionsSync({ access_token, cursor: reference.cursor });
    expect(caughtUp.data).toMatchObject({ added: [], modified: [], removed: [], has_more: false });
    expect(caughtUp.data.next_cursor).toBe(reference.cursor);
  });

  it("reports refreshes the same way at any page size, and the client ends with the item's transactions", async () => {
    const { access_token } = await linkItem("user_transactions_dynamic");
    const initial = await syncAll(access_token, 500);
    const state = new Map<string, Transaction>();
    apply(state, initial.changes);
    const pending = initial.changes.added.filter((transaction) => transaction.pending);
    expect(pending.length).toBeGreaterThan(0);

    await server.api.transactionsRefresh({ access_token });
    await server.api.transactionsRefresh({ access_token });
    const reference = await syncAll(access_token, 500, initial.cursor);
    for (const count of [1, 7, 50])
      expectSameChanges((await syncAll(access_token, count, initial.cursor)).changes, reference.changes);

    // Every pending transaction of the first sync posted: removed, and added again with its id linked.
    const removed = new Set(ids(reference.changes.removed));
    for (const transaction of pending) expect(removed.has(transaction.transaction_id)).toBe(true);
    const posted = reference.changes.added.filter((transaction) => transaction.pending_transaction_id);
    expect(sorted(posted.map((transaction) => transaction.pending_transaction_id as string))).toEqual(
      expect.arrayContaining(sorted(ids(pending))),
    );
    // The dynamic user's new purchases arrive pending.
    expect(reference.changes.added.some((transaction) => transaction.pending)).toBe(true);

    // Removals only name transactions the client has; added-then-removed ones never reach it.
    for (const { transaction_id } of reference.changes.removed) expect(state.has(transaction_id)).toBe(true);
    apply(state, reference.changes);
    expect(sorted([...state.keys()])).toEqual(sorted(ids(await liveTransactions(access_token))));
  });

  it("fails a page when the data changed mid-pagination, and succeeds when restarted", async () => {
    const { access_token, item_id } = await linkItem();
    const first = await server.api.transactionsSync({ access_token, count: 300 });
    expect(first.data.has_more).toBe(true);
    await createFault(testStore(), {
      item_id,
      endpoint: "/transactions/sync",
      mutate_during_pagination: true,
      remaining: 1,
    });

    const failure = await plaidFailure(
      server.api.transactionsSync({ access_token, cursor: first.data.next_cursor, count: 300 }),
    );
    expect(failure.status).toBe(400);
    expect(failure.body).toMatchObject({
      error_type: "TRANSACTIONS_ERROR",
      error_code: "TRANSACTIONS_SYNC_MUTATION_DURING_PAGINATION",
      display_message: null,
    });
    // Plaid's advice: restart from the cursor of the loop's first page (here: none).
    const restarted = await syncAll(access_token, 300);
    expect(restarted.changes.removed).toEqual([]);
    expect(new Set(ids(restarted.changes.added)).size).toBe(restarted.changes.added.length);
  });

  it("continues a cursor of the first version (an offset) where it left off", async () => {
    const { access_token, item_id } = await linkItem();
    const reference = await syncAll(access_token, 500);
    const { data } = await server.api.transactionsSync({ access_token, count: 1 });
    const to = (JSON.parse(Buffer.from(data.next_cursor, "base64url").toString()) as { to: number }).to;
    const item = createHash("sha256").update(item_id).digest("hex").slice(0, 8);
    const legacy = Buffer.from(JSON.stringify({ v: 1, item, from: 0, to, offset: 300 })).toString("base64url");
    const rest = await syncAll(access_token, 500, legacy);
    expect(ids(rest.changes.added)).toEqual(ids(reference.changes.added).slice(300));
    // What stayed stored from before an upgrade is the end of a pagination: the next sync starts there.
    const caughtUp = Buffer.from(JSON.stringify({ v: 1, item, from: to, to, offset: 0 })).toString("base64url");
    const next = await server.api.transactionsSync({ access_token, cursor: caughtUp });
    expect(next.data).toMatchObject({ added: [], modified: [], removed: [], has_more: false });
  });

  it("refuses cursors it did not issue and page sizes outside 1 to 500", async () => {
    const { access_token } = await linkItem();
    const other = await linkItem();
    const { data } = await server.api.transactionsSync({ access_token: other.access_token, count: 10 });
    for (const cursor of ["not-a-cursor", data.next_cursor]) {
      const failure = await plaidFailure(server.api.transactionsSync({ access_token, cursor }));
      expect(failure.body).toMatchObject({ error_type: "INVALID_REQUEST", error_code: "INVALID_FIELD" });
    }
    for (const count of [0, 501]) {
      const failure = await plaidFailure(server.api.transactionsSync({ access_token, count }));
      expect(failure).toMatchObject({ status: 400, body: { error_code: "INVALID_FIELD" } });
      expect(failure.body.error_message).toMatch(/^count /);
    }
  });
});
