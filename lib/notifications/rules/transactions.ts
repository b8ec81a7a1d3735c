// transaction_notifications: which of a sync's new transactions deserve an alert, and the transaction
// shape every transaction rule (this one, unusual activity) and content builder reads.
import type { Prisma } from "@/lib/db";

/** A row of `transactions` as the rules see it. Plaid's sign: amount > 0 is a charge, < 0 money in. */
export type AlertTransaction = {
  /** transactions.id */
  id: string;
  /** Plaid's transaction_id; a posted transaction that replaced a pending one has its own. */
  transactionId: string;
  amount: Prisma.Decimal;
  /** A DATE column: UTC midnight of the calendar day. */
  date: Date;
  name: string;
  merchantName: string | null;
  categoryPrimary: string | null;
  pending: boolean;
  isoCurrencyCode: string;
};

/**
 * The new transactions to alert on. Pending ones never alert: the alert waits for the posted one,
 * which Plaid sends as a new transaction (with the pending one's id in pending_transaction_id), so a
 * purchase alerts once, when it posts. Without a threshold every posted transaction alerts; with one,
 * those whose absolute amount reaches it, because a large deposit is as notable as a large charge.
 * Keeps the input order.
 */
export function selectTransactionAlerts({
  transactions,
  threshold,
}: {
  transactions: AlertTransaction[];
  threshold: Prisma.Decimal | null;
}): AlertTransaction[] {
  return transactions.filter(
    (transaction) => !transaction.pending && (threshold === null || transaction.amount.abs().gte(threshold)),
  );
}

export function isCharge(transaction: AlertTransaction): boolean {
  return transaction.amount.greaterThan(0);
}

/** Who the person paid or was paid by, as the bank shows it: the merchant, else the raw name. */
export function merchantLabel(transaction: Pick<AlertTransaction, "merchantName" | "name">): string {
  return transaction.merchantName?.trim() || transaction.name.trim();
}

/**
 * The key charges are grouped by merchant with. Without Plaid's merchant name the raw description
 * carries store numbers, dates and card references ("UBER *TRIP 8832 SF 11/23"), so digits and
 * punctuation are dropped to let one merchant's charges meet.
 */
export function merchantKey(transaction: Pick<AlertTransaction, "merchantName" | "name">): string {
  const normalised = merchantLabel(transaction)
    .toLowerCase()
    .replace(/[^\p{L}\s]+/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
  // A name of nothing but digits and symbols still needs a key of its own.
  return normalised || merchantLabel(transaction).toLowerCase();
}
