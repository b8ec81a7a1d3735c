// What each alert says: a title, a body with what happened, the reason it was flagged, and `data` with
// the same facts machine-readable (money as fixed two-place strings, snake_case keys). `data.summary` is
// the one-line form SMS and digests use; `data.account_name` names the account for the channels.
import "server-only";
import type { Prisma } from "@/lib/db";
import type { NotificationKind } from "@/lib/db/vocabulary";
import { toMoneyString } from "@/lib/money/decimal";
import { accountDisplayName, dayKey, formatAmount, formatDay } from "./format";
import { type AlertTransaction, isCharge, merchantLabel } from "./transactions";
import type { UnusualFinding } from "./unusual";

/** The account as alerts name it: `name` is already the person's alias where they set one. */
export type AccountLabel = { id: string; name: string; mask: string | null; currency: string };

export type AlertData = Record<string, string | number | boolean | null>;

export type AlertContent = {
  kind: NotificationKind;
  title: string;
  body: string;
  reason: string | null;
  data: AlertData;
};

function accountData(account: AccountLabel): AlertData {
  return { account_id: account.id, account_name: accountDisplayName(account), currency: account.currency };
}

/** balance_alerts: the current balance crossed the threshold, up (reaching it counts) or down. */
export function balanceThresholdContent({
  account,
  balance,
  threshold,
  direction,
}: {
  account: AccountLabel;
  balance: Prisma.Decimal;
  threshold: Prisma.Decimal;
  direction: "up" | "down";
}): AlertContent {
  const label = accountDisplayName(account);
  const [amount, line] = [formatAmount(balance, account.currency), formatAmount(threshold, account.currency)];
  const side = direction === "up" ? "above" : "below";
  const moved = direction === "down" ? "fell below" : balance.equals(threshold) ? "reached" : "rose above";
  return {
    kind: "balance_threshold",
    title: `Balance ${side} ${line}: ${label}`,
    body: `Current balance ${amount} ${moved} your ${line} balance alert.`,
    reason: `You asked to hear when the current balance of ${label} crosses ${line}. You will hear again when it crosses back.`,
    data: {
      ...accountData(account),
      balance: toMoneyString(balance),
      threshold: toMoneyString(threshold),
      direction,
      summary: `Balance ${side} ${line} on ${label}: ${amount}`,
    },
  };
}

/** low_balance_alert: the available (else current) balance dropped below the threshold. */
export function lowBalanceContent({
  account,
  balance,
  balanceKind,
  threshold,
}: {
  account: AccountLabel;
  balance: Prisma.Decimal;
  balanceKind: "available" | "current";
  threshold: Prisma.Decimal;
}): AlertContent {
  const label = accountDisplayName(account);
  const [amount, line] = [formatAmount(balance, account.currency), formatAmount(threshold, account.currency)];
  const which = balanceKind === "available" ? "Available" : "Current";
  return {
    kind: "low_balance",
    title: `Low balance: ${label}`,
    body: `${which} balance ${amount} fell below your ${line} low-balance alert.`,
    reason: `Your low-balance alert for ${label} is set at ${line}. It will not repeat until the balance is back at or above ${line}.`,
    data: {
      ...accountData(account),
      balance: toMoneyString(balance),
      balance_kind: balanceKind,
      threshold: toMoneyString(threshold),
      summary: `Low balance on ${label}: ${amount} < ${line}`,
    },
  };
}

/** What a transaction was, in words: "charged $12.00 at Blue Bottle" or "received $2,500.00 from Acme". */
function describeTransaction(transaction: AlertTransaction) {
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

function transactionData(account: AccountLabel, transaction: AlertTransaction): AlertData {
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

/**
 * transaction_notifications: a new posted transaction; "large" when a threshold chose it. A negative
 * amount is money in, so it reads as a deposit, with the amount shown without its sign.
 */
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

/** unusual_activity_alerts: a charge far outside the account's history; the finding says why. */
export function unusualContent({
  account,
  transaction,
  finding,
}: {
  account: AccountLabel;
  transaction: AlertTransaction;
  finding: UnusualFinding;
}): AlertContent {
  const label = accountDisplayName(account);
  const words = describeTransaction(transaction);
  return {
    kind: "unusual_activity",
    title: `Unusual activity on ${label}`,
    body: words.sentence(label),
    reason: finding.reason,
    data: {
      ...transactionData(account, transaction),
      rule: finding.rule,
      summary: `Unusual activity on ${label}: ${words.what}`,
    },
  };
}

/** A connection that needs its sign-in repaired: always notifies, whatever the alert toggles say. */
export function reconnectContent({
  institutionName,
  connectionId = null,
}: {
  institutionName: string;
  connectionId?: string | null;
}): AlertContent {
  return {
    kind: "reconnect_required",
    title: `Reconnect ${institutionName}`,
    body:
      `The bank needs you to sign in again before Mingus can sync your ${institutionName} accounts. ` +
      "Until then their balances and transactions stay as they were at the last sync.",
    reason: `${institutionName} stopped accepting the saved connection, usually after a password change or when its access expires.`,
    data: {
      connection_id: connectionId,
      institution_name: institutionName,
      summary: `Reconnect ${institutionName} so Mingus can keep syncing`,
    },
  };
}
