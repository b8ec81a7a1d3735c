import type { AccountBase, Transaction } from "plaid";
import { describe, expect, it } from "vitest";
import { createSandboxAccounts } from "./accounts.ts";
import { buildTransaction } from "./build-transaction.ts";
import { parseDay, toDayNumber } from "./dates.ts";
import { getMerchant } from "./merchants.ts";
import { generateRefreshChanges, type RefreshChanges } from "./refresh.ts";
import { expectPlaidShape } from "./test-support.ts";
import { generateTransactionHistory } from "./transactions.ts";

const seed = 5;
const created = new Date("2026-11-24T10:00:00Z");
const accounts = createSandboxAccounts({ seed });
const history = generateTransactionHistory({ seed, accounts, anchor: created });

// What the emulator does with a refresh's changes: the live set afterwards.
function applyChanges(live: Transaction[], changes: RefreshChanges): Transaction[] {
  const gone = new Set(changes.removed.map((removed) => removed.transaction_id));
  const modified = new Map(changes.modified.map((transaction) => [transaction.transaction_id, transaction]));
  return [
    ...live
      .filter((transaction) => !gone.has(transaction.transaction_id))
      .map((t) => modified.get(t.transaction_id) ?? t),
    ...changes.added,
  ];
}

function refresh(index: number, live: Transaction[], dynamic: boolean, at: Date, on = accounts) {
  return generateRefreshChanges({ seed, refreshIndex: index, accounts: on, live, anchor: at, dynamic });
}

describe("generateRefreshChanges", () => {
  it("posts every pending transaction as a new one linked by pending_transaction_id", () => {
    const pending = history.filter((transaction) => transaction.pending);
    const changes = refresh(0, history, false, new Date("2026-11-26T09:00:00Z"));
    for (const original of pending) {
      expect(changes.removed).toContainEqual({
        transaction_id: original.transaction_id,
        account_id: original.account_id,
      });
      const posted = changes.added.find((added) => added.pending_transaction_id === original.transaction_id);
      expect(posted).toBeDefined();
      expect(posted?.pending).toBe(false);
      expect(posted?.account_id).toBe(original.account_id);
      expect(posted?.merchant_name).toBe(original.merchant_name);
      expect(posted?.amount).toBeGreaterThanOrEqual(original.amount);
      expect(posted?.amount).toBeLessThanOrEqual(Math.round(original.amount * 121) / 100);
      expect(parseDay(posted?.date ?? "")).toBeGreaterThanOrEqual(parseDay(original.date));
      expect(parseDay(posted?.date ?? "")).toBeLessThanOrEqual(toDayNumber(new Date("2026-11-26T09:00:00Z")));
    }
    expect(changes.added.filter((added) => added.pending)).toEqual([]);
  });

  it("is deterministic for its inputs and differs from one refresh to the next", () => {
    const at = new Date("2026-11-25T12:00:00Z");
    expect(refresh(3, history, true, at)).toEqual(refresh(3, history, true, at));
    const ids = (changes: RefreshChanges) => changes.added.map((transaction) => transaction.transaction_id);
    expect(ids(refresh(4, history, true, at))).not.toEqual(ids(refresh(3, history, true, at)));
  });

  it("gives a dynamic user one to three new pending purchases dated the day of the refresh", () => {
    const at = new Date("2026-11-27T18:00:00Z");
    for (let index = 0; index < 10; index++) {
      const fresh = refresh(index, history, true, at).added.filter((transaction) => transaction.pending);
      expect(fresh.length).toBeGreaterThanOrEqual(1);
      expect(fresh.length).toBeLessThanOrEqual(3);
      for (const transaction of fresh) {
        expect(transaction.date).toBe("2026-11-27");
        expect(transaction.pending_transaction_id).toBeNull();
        expect(transaction.amount).toBeGreaterThan(0);
        expectPlaidShape(transaction, "Transaction");
      }
    }
  });

  it("posts the dynamic user's purchases on a later refresh, never reusing an id", () => {
    let live = history;
    const seen = new Set(history.map((transaction) => transaction.transaction_id));
    for (let index = 0; index < 15; index++) {
      const at = new Date(created.getTime() + (index + 1) * 86_400_000);
      const before = live.filter((transaction) => transaction.pending).map((transaction) => transaction.transaction_id);
      const changes = refresh(index, live, true, at);
      for (const added of changes.added) {
        expect(seen.has(added.transaction_id)).toBe(false);
        seen.add(added.transaction_id);
      }
      expect(changes.added.filter((added) => !added.pending).map((added) => added.pending_transaction_id)).toEqual(
        before,
      );
      live = applyChanges(live, changes);
    }
  });

  it("now and then corrects or withdraws a recent transaction", () => {
    const at = new Date("2026-11-25T12:00:00Z");
    const runs = Array.from({ length: 60 }, (_, index) => refresh(index, history, false, at));
    const modified = runs.flatMap((changes) => changes.modified);
    expect(modified.length).toBeGreaterThan(5);
    expect(modified.length).toBeLessThan(45);
    const byId = new Map(history.map((transaction) => [transaction.transaction_id, transaction]));
    for (const transaction of modified) {
      const original = byId.get(transaction.transaction_id);
      expect(original?.pending).toBe(false);
      expect(transaction).not.toEqual(original);
      expect(transaction.amount).toBe(original?.amount);
      expect(transaction.personal_finance_category?.confidence_level).toBe("VERY_HIGH");
    }
    const pendingIds = new Set(history.filter((t) => t.pending).map((t) => t.transaction_id));
    const withdrawn = runs
      .flatMap((changes) => changes.removed)
      .filter((removed) => !pendingIds.has(removed.transaction_id));
    expect(withdrawn.length).toBeGreaterThan(0);
    expect(withdrawn.length).toBeLessThan(20);
  });

  it("moves balances: posting lowers checking and raises what is owed on the card", () => {
    const [checking, , , card] = accounts as [AccountBase, AccountBase, AccountBase, AccountBase];
    const pendingOn = (account: AccountBase, amount: number, id: string) =>
      buildTransaction({
        transactionId: id.padEnd(37, "x"),
        account,
        merchant: getMerchant("tectra"),
        amount,
        day: toDayNumber(created),
        authorizedDay: toDayNumber(created),
        pending: true,
      });
    const live = [pendingOn(checking, 20, "a"), pendingOn(card, 50, "b")];
    const changes = refresh(0, live, false, created);
    const posted = (account: AccountBase) =>
      changes.added.find((transaction) => transaction.account_id === account.account_id)?.amount ?? Number.NaN;
    const balancesOf = (account: AccountBase) =>
      changes.accounts.find((a) => a.account_id === account.account_id)?.balances;
    expect(balancesOf(checking)?.current).toBe(Math.round((110 - posted(checking)) * 100) / 100);
    expect(balancesOf(checking)?.available).toBe(Math.round((100 + 20 - posted(checking)) * 100) / 100);
    expect(balancesOf(card)?.current).toBe(Math.round((410 + posted(card)) * 100) / 100);
    expect(balancesOf(card)?.available).toBeNull();
    expect(changes.accounts.slice(4)).toEqual(accounts.slice(4));
  });

  it("returns the accounts unchanged when nothing happened", () => {
    const changes = refresh(0, [], false, created);
    expect(changes).toEqual({ added: [], modified: [], removed: [], accounts });
  });
});
