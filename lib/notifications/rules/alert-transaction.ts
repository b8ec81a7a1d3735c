// The transaction as every transaction rule (new transactions, unusual activity) reads it, and the words
// and data their alerts share: who was paid or paid in, how much, on which day.
import { toMoneyString } from "@/lib/money/decimal";
import { accountData, dayKey, formatAmount, formatDay } from "./format";
import type { AccountLabel, AlertData, AlertTransaction } from "./types";

export type { AlertTransaction } from "./types";

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

/** What a transaction was, in words: "charged $12.00 at Blue Bottle" or "received $2,500.00 from Acme". */
export function describeTransaction(transaction: AlertTransaction) {
  const charge = isCharge(transaction);
  const amount = formatAmount(transaction.amount.abs(), transaction.isoCurrencyCode);
  const merchant = merchantLabel(transaction);
  return {
    charge,
    amount,
    merchant,
    what: charge ? `${amount} at ${merchant}` : `${amount} from ${merchant}`,
    sentence: (label: string) =>
      charge
        ? `${label} was charged ${amount} at ${merchant} on ${formatDay(transaction.date)}.`
        : `${label} received ${amount} from ${merchant} on ${formatDay(transaction.date)}.`,
  };
}

export function transactionData(account: AccountLabel, transaction: AlertTransaction): AlertData {
  return {
    ...accountData(account),
    transaction_id: transaction.id,
    plaid_transaction_id: transaction.transactionId,
    amount: toMoneyString(transaction.amount),
    currency: transaction.isoCurrencyCode,
    date: dayKey(transaction.date),
    merchant: merchantLabel(transaction),
  };
}
