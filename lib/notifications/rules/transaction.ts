// Transaction notifications: each new posted transaction, or only those whose absolute amount reaches
// the large-transaction threshold (a large deposit is as notable as a large charge). Pending ones never
// alert: the alert waits for the posted one, which Plaid sends as a new transaction, so a purchase
// alerts once, when it posts, under its posted id.
import type { Prisma } from "@/lib/db";
import { toMoneyString } from "@/lib/money/decimal";
import { type AlertTransaction, describeTransaction, transactionData } from "./alert-transaction";
import { accountDisplayName, formatAmount } from "./format";
import type { AccountLabel, AlertContent, TransactionRule } from "./types";

export const transactionRule: TransactionRule<"transaction"> = {
  kind: "transaction",
  label: "Transaction",
  nouns: ["transaction", "transactions"],
  scope: "transaction",
  settings: {
    toggle: "transactionNotifications",
    label: "Transaction notifications",
    hint: "When a transaction at or above the threshold posts.",
    threshold: "largeTransactionThreshold",
    amountLabel: "Large transaction threshold",
  },
  async evaluate({ label, preferences, transactions }) {
    const threshold = preferences.largeTransactionThreshold;
    return selectTransactionAlerts({ transactions, threshold }).map((transaction) => ({
      transactionId: transaction.transactionId,
      content: transactionContent({ account: label, transaction, threshold }),
      // The posted transaction's own id: a pending one that posts never alerted, so this is its one alert.
      dedupeKey: `transaction:${transaction.transactionId}`,
    }));
  },
};

/** The new transactions to alert on, in the order given: posted ones, at or above the threshold when one is set. */
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

/** "Large" when a threshold chose it. A negative amount is money in, so it reads as a deposit. */
export function transactionContent({
  account,
  transaction,
  threshold,
}: {
  account: AccountLabel;
  transaction: AlertTransaction;
  threshold: Prisma.Decimal | null;
}): AlertContent {
  const label = accountDisplayName(account);
  const words = describeTransaction(transaction);
  const headline = `${threshold === null ? "New" : "Large"} ${words.charge ? "transaction" : "deposit"}`;
  return {
    kind: "transaction",
    title: `${headline}: ${words.what}`,
    body: words.sentence(label),
    reason:
      threshold === null
        ? `You asked to hear about every new transaction on ${label}.`
        : `At ${words.amount} it reaches your large-transaction alert of ${formatAmount(threshold, account.currency)}.`,
    data: {
      ...transactionData(account, transaction),
      threshold: threshold === null ? null : toMoneyString(threshold),
      summary: `${headline} on ${label}: ${words.what}`,
    },
  };
}
