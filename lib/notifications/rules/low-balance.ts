// Low balance: what can still be spent fell below the person's low-balance threshold. Once per drop,
// and again only after it was back at or above the threshold; a balance already below a newly set
// threshold fires once.
import type { Prisma } from "@/lib/db";
import { toMoneyString } from "@/lib/money/decimal";
import { accountData, accountDisplayName, formatAmount } from "./format";
import { asThresholdState, evaluateLowBalance } from "./thresholds";
import type { AccountLabel, AccountRule, AlertAccount, AlertContent } from "./types";

export const lowBalanceRule: AccountRule<"low_balance"> = {
  kind: "low_balance",
  label: "Low balance",
  nouns: ["low-balance alert", "low-balance alerts"],
  scope: "account",
  stateKey: "low_balance",
  settings: {
    toggle: "lowBalanceAlert",
    label: "Low balance alert",
    hint: "When the balance drops below the threshold.",
    threshold: "lowBalanceThreshold",
    amountLabel: "Low balance threshold",
  },
  evaluate({ account, label, preferences, previous, now }) {
    const balance = lowBalanceOf(account);
    const threshold = preferences.lowBalanceThreshold;
    const { next, fell } = evaluateLowBalance({ previous: asThresholdState(previous), balance, threshold });
    if (!fell || !balance || !next) return { next, alert: null };
    const balanceKind = account.availableBalance ? "available" : "current";
    const content = lowBalanceContent({ account: label, balance, balanceKind, threshold: next.threshold });
    return { next, alert: { content, dedupeKey: `low_balance:${account.id}:${now.toISOString()}` } };
  },
};

/**
 * The figure a low-balance alert watches: what can still be spent. On a credit card that is the
 * available credit (its current balance is what is owed, where lower is better); a loan has nothing
 * to run low on; anything else uses the available balance, else the current one.
 */
export function lowBalanceOf(
  account: Pick<AlertAccount, "type" | "availableBalance" | "currentBalance">,
): Prisma.Decimal | null {
  if (account.type === "loan") return null;
  if (account.type === "credit") return account.availableBalance;
  return account.availableBalance ?? account.currentBalance;
}

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
