// What changes at the bank between two looks at an item (a /transactions/refresh, or time passing):
// pending transactions post, now and then an older one is corrected or withdrawn, and the dynamic sandbox
// user (user_transactions_dynamic) makes new purchases that show up as pending. Balances follow.
import type { AccountBase, RemovedTransaction, Transaction } from "plaid";
import { buildTransaction, enrichmentFields } from "./build-transaction.ts";
import { formatDay, parseDay, toDayNumber } from "./dates.ts";
import { createLedger } from "./ledger.ts";
import { findMerchantByDescription, getMerchant } from "./merchants.ts";
import { createRng, type Rng, roundMoney } from "./prng.ts";
import { drawConfidence, EVERYDAY_MERCHANTS, TIPPED_PFC } from "./spending.ts";
import { findAccountRoles } from "./transactions.ts";

export type RefreshChanges = {
  added: Transaction[];
  modified: Transaction[];
  removed: RemovedTransaction[];
  /** Every account, balances moved by what posted, arrived pending or was removed. */
  accounts: AccountBase[];
};

export type GenerateRefreshChangesInput = {
  seed: number;
  /** 0 for the item's first refresh, 1 for the next...: each yields different changes. */
  refreshIndex: number;
  accounts: AccountBase[];
  /** The item's transactions as they stand (added or modified, not removed). */
  live: Transaction[];
  /** When the refresh happens: new pending transactions are dated that day and nothing posts after it. */
  anchor: Date;
  /** user_transactions_dynamic: new purchases arrive as pending on each refresh. */
  dynamic: boolean;
};

// Plaid only revisits recent history.
const REVISION_WINDOW_DAYS = 30;

export function generateRefreshChanges(input: GenerateRefreshChangesInput): RefreshChanges {
  const today = toDayNumber(input.anchor);
  const rng = createRng(input.seed, "refresh", input.refreshIndex, formatDay(today));
  const usedIds = new Set(input.live.map((transaction) => transaction.transaction_id));
  const newId = () => {
    let id = rng.id();
    while (usedIds.has(id)) id = rng.id();
    usedIds.add(id);
    return id;
  };
  const ledger = createLedger(input.accounts);
  const changes: RefreshChanges = { added: [], modified: [], removed: [], accounts: [] };

  for (const pending of input.live.filter((transaction) => transaction.pending)) {
    const posted = postPending({ pending, today, rng, transactionId: newId() });
    changes.removed.push({ transaction_id: pending.transaction_id, account_id: pending.account_id });
    changes.added.push(posted);
    ledger.apply(pending.account_id, -pending.amount, false);
    ledger.apply(posted.account_id, posted.amount, true);
  }

  const recent = input.live.filter(
    (transaction) => !transaction.pending && parseDay(transaction.date) > today - REVISION_WINDOW_DAYS,
  );
  const modified = rng.chance(0.4) ? reviseTransaction(recent, rng) : null;
  if (modified) changes.modified.push(modified);

  if (rng.chance(0.1)) {
    // Only what the sandbox itself made (a catalogue merchant under its own statement text): a transaction
    // a test created with its own merchant stays put.
    const removable = recent.filter(
      (transaction) =>
        transaction.merchant_name !== null &&
        findMerchantByDescription(transaction.name)?.merchantName === transaction.merchant_name &&
        transaction.transaction_id !== modified?.transaction_id,
    );
    if (removable.length > 0) {
      const withdrawn = rng.pick(removable);
      changes.removed.push({ transaction_id: withdrawn.transaction_id, account_id: withdrawn.account_id });
      ledger.apply(withdrawn.account_id, -withdrawn.amount, true);
    }
  }

  if (input.dynamic) {
    const roles = findAccountRoles(input.accounts);
    const account = roles.card ?? roles.checking;
    for (let n = account ? rng.int(1, 3) : 0; n > 0 && account; n--) {
      const merchant = getMerchant(rng.pick(EVERYDAY_MERCHANTS));
      const purchase = buildTransaction({
        transactionId: newId(),
        account,
        merchant,
        amount: rng.amount(merchant.amount),
        day: today,
        authorizedDay: today,
        pending: true,
        confidence: drawConfidence(rng),
      });
      changes.added.push(purchase);
      ledger.apply(account.account_id, purchase.amount, false);
    }
  }

  changes.accounts = ledger.accounts();
  return changes;
}

// The posted twin of a pending transaction: a new id pointing back at the pending one, posted up to two
// days after authorization, and for restaurants and rides sometimes with the tip added.
function postPending({
  pending,
  today,
  rng,
  transactionId,
}: {
  pending: Transaction;
  today: number;
  rng: Rng;
  transactionId: string;
}): Transaction {
  const authorizedDay = parseDay(pending.authorized_date ?? pending.date);
  const postingDay = Math.max(parseDay(pending.date), Math.min(today, authorizedDay + rng.int(0, 2)));
  const tipped = TIPPED_PFC.has(pending.personal_finance_category?.detailed ?? "") && pending.amount > 0;
  const tip = tipped && rng.chance(0.6) ? roundMoney(pending.amount * rng.pick([0.15, 0.18, 0.2])) : 0;
  return {
    ...structuredClone(pending),
    transaction_id: transactionId,
    amount: roundMoney(pending.amount + tip),
    date: formatDay(postingDay),
    authorized_date: formatDay(authorizedDay),
    pending: false,
    pending_transaction_id: pending.transaction_id,
  };
}

// Plaid's enrichment catching up: a transaction that had only its statement text gets its merchant, or a
// category Plaid was unsure of is confirmed.
function reviseTransaction(recent: Transaction[], rng: Rng): Transaction | null {
  const unmatched = recent.filter(
    (transaction) => transaction.merchant_name === null && findMerchantByDescription(transaction.name)?.merchantName,
  );
  if (unmatched.length > 0) {
    const transaction = rng.pick(unmatched);
    const merchant = findMerchantByDescription(transaction.name);
    if (merchant) return { ...structuredClone(transaction), ...enrichmentFields(merchant) };
  }
  const unsure = recent.filter(
    (transaction) =>
      transaction.personal_finance_category?.confidence_level !== "VERY_HIGH" &&
      findMerchantByDescription(transaction.name) !== null,
  );
  if (unsure.length === 0) return null;
  const transaction = structuredClone(rng.pick(unsure));
  const merchant = findMerchantByDescription(transaction.name);
  return merchant ? { ...transaction, ...enrichmentFields(merchant, { confidence: "VERY_HIGH" }) } : null;
}
