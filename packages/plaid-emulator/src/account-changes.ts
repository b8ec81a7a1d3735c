// Changes a caller makes to an item's accounts, for tests: new transactions (/sandbox/transactions/create
// and the emulator's hook) and set balances (the emulator's hook). Each is one step of the item's change
// log under its row lock, so it takes turns with refreshes, and the item's webhook hears
// SYNC_UPDATES_AVAILABLE once it is committed, as after a refresh.
import { type AccountBase, AccountSubtype, AccountType, type Transaction } from "plaid";
import { EmulatorError } from "./errors.ts";
import { randomAlphanumeric } from "./ids.ts";
import { type EmulatorItem, readLockedItem } from "./items.ts";
import {
  buildCustomTransaction,
  createLedger,
  PLAID_ID_LENGTH,
  parseDay,
  roundMoney,
  toDayNumber,
} from "./sandbox/index.ts";
import type { EmulatorStore } from "./store/store.ts";
import { appendTransactionEvents, type TransactionEvent, withLockedItem } from "./transactions-log.ts";
import { sendItemWebhook, syncUpdatesAvailablePayload } from "./webhook-payloads.ts";
import type { WebhookSender } from "./webhooks.ts";

/** Where a change is stored and who hears of it. */
export type ChangeTarget = { store: EmulatorStore; webhooks: WebhookSender; now?: Date };

export type NewTransaction = {
  /** Plaid's sign: positive is a charge (money out), negative money in. */
  amount: number;
  description: string;
  /** "YYYY-MM-DD": the posting day (Plaid's `date`) and the day it was made (`authorized_date`). */
  date: string;
  authorizedDate: string;
  pending?: boolean;
  merchantName?: string | null;
  category?: string | null;
  isoCurrencyCode?: string | null;
};

/**
 * Where a transaction goes when the caller names no account: the item's first checking account, else
 * its first depository one. Plaid's endpoint takes no account and applies custom transactions "to the
 * depository account"; the sandbox item has several, so the emulator picks the first checking one.
 */
export function defaultAccountOf(accounts: AccountBase[]): AccountBase | null {
  const depository = accounts.filter((account) => account.type === AccountType.Depository);
  return depository.find((account) => account.subtype === AccountSubtype.Checking) ?? depository[0] ?? null;
}

function findAccount(accounts: AccountBase[], accountId: string | undefined): AccountBase {
  if (accountId) {
    const account = accounts.find((candidate) => candidate.account_id === accountId);
    if (!account) throw new EmulatorError("INVALID_ACCOUNT_ID");
    return account;
  }
  const account = defaultAccountOf(accounts);
  if (!account) throw new EmulatorError("INVALID_ACCOUNT_ID", { message: "the item has no depository account" });
  return account;
}

/** Throws INVALID_FIELD unless `day` ("YYYY-MM-DD") lies within `maxAgeDays` before `now`'s day, future excluded. */
export function checkRecentDay({
  day,
  field,
  now,
  maxAgeDays,
}: {
  day: string;
  field: string;
  now: Date;
  maxAgeDays: number;
}): void {
  const age = toDayNumber(now) - parseDay(day);
  if (age < 0) throw new EmulatorError("INVALID_FIELD", { message: `${field} is invalid: must not be in the future` });
  if (age > maxAgeDays) {
    throw new EmulatorError("INVALID_FIELD", {
      message: `${field} is invalid: must be today or up to ${maxAgeDays} days before`,
    });
  }
}

/**
 * Adds the transactions to one account of the item (its first checking account unless `accountId`),
 * moving its balances: a posted one moves current and available, a pending one available only.
 * Returns the transactions as stored and the account's new balances.
 */
export async function createTransactions(
  { store, webhooks, now }: ChangeTarget,
  {
    item,
    accountId,
    transactions,
  }: {
    item: EmulatorItem;
    accountId?: string;
    transactions: NewTransaction[];
  },
): Promise<{ account: AccountBase; transactions: Transaction[] }> {
  const { itemId } = item;
  const result = await withLockedItem(store, itemId, async (tx) => {
    // Read under the lock: a refresh may have moved the balances since the request loaded the item.
    const current = await readLockedItem(tx, itemId);
    const accounts = current.accounts;
    const account = findAccount(accounts, accountId);
    const created = transactions.map((transaction) =>
      buildCustomTransaction({
        // Random rather than seeded: the caller's transactions are not part of the item's story. 62^37
        // possible ids make a clash with the item's own not worth a lookup.
        transactionId: randomAlphanumeric(PLAID_ID_LENGTH),
        account,
        amount: transaction.amount,
        description: transaction.description,
        day: parseDay(transaction.date),
        authorizedDay: parseDay(transaction.authorizedDate),
        pending: transaction.pending ?? false,
        merchantName: transaction.merchantName,
        category: transaction.category,
        isoCurrencyCode: transaction.isoCurrencyCode,
      }),
    );
    const ledger = createLedger(accounts);
    for (const transaction of created) ledger.apply(account.account_id, transaction.amount, !transaction.pending);
    const moved = ledger.accounts();
    const events: TransactionEvent[] = created.map((transaction) => ({ kind: "added", transaction }));
    await appendTransactionEvents(tx, { itemId, events, accounts: moved, now });
    return { webhook: current.webhook, account: movedAccount(moved, account.account_id), transactions: created };
  });
  sendItemWebhook(webhooks, { itemId, webhook: result.webhook }, syncUpdatesAvailablePayload(itemId));
  return { account: result.account, transactions: result.transactions };
}

function movedAccount(accounts: AccountBase[], accountId: string): AccountBase {
  const account = accounts.find((candidate) => candidate.account_id === accountId);
  if (!account) throw new Error("the account vanished from its own item");
  return account;
}

/**
 * Sets an account's current and/or available balance without a transaction (a bank's correction, or a
 * balance drop on its own). The change log gains no event; /accounts/get, /accounts/balance/get and
 * /transactions/sync's accounts show the new balances. `notify` sends SYNC_UPDATES_AVAILABLE so an app
 * that syncs on webhooks looks again (Plaid itself sends nothing for a balance change alone).
 */
export async function setAccountBalances(
  { store, webhooks, now }: ChangeTarget,
  {
    item,
    accountId,
    current,
    available,
    notify,
  }: {
    item: EmulatorItem;
    accountId: string;
    current?: number;
    available?: number | null;
    notify: boolean;
  },
): Promise<AccountBase> {
  const { itemId } = item;
  const result = await withLockedItem(store, itemId, async (tx) => {
    const row = await readLockedItem(tx, itemId);
    const accounts = row.accounts;
    findAccount(accounts, accountId);
    const updated = accounts.map((account) => {
      if (account.account_id !== accountId) return account;
      const balances = { ...account.balances };
      if (current !== undefined) balances.current = roundMoney(current);
      if (available !== undefined) balances.available = available === null ? null : roundMoney(available);
      return { ...account, balances };
    });
    await appendTransactionEvents(tx, { itemId, events: [], accounts: updated, now });
    return { webhook: row.webhook, account: movedAccount(updated, accountId) };
  });
  if (notify) sendItemWebhook(webhooks, { itemId, webhook: result.webhook }, syncUpdatesAvailablePayload(itemId));
  return result.account;
}
