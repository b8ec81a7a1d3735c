// Balance alerts: the current balance crossed the person's balance threshold, up (reaching it counts)
// or down. Once per crossing; a changed threshold starts from the balance's side without firing.
import type { Prisma } from "@/lib/db";
import { toMoneyString } from "@/lib/money/decimal";
import { accountData, accountDisplayName, formatAmount } from "./format";
import { asThresholdState, evaluateBalanceThreshold } from "./thresholds";
import type { AccountLabel, AccountRule, AlertContent } from "./types";

export const balanceThresholdRule: AccountRule<"balance_threshold"> = {
  kind: "balance_threshold",
  label: "Balance",
  nouns: ["balance alert", "balance alerts"],
  scope: "account",
  stateKey: "balance_threshold",
  settings: {
    toggle: "balanceAlerts",
    label: "Balance alerts",
    hint: "When the balance crosses the threshold, up or down.",
    threshold: "balanceThreshold",
    amountLabel: "Balance threshold",
  },
  evaluate({ account, label, preferences, previous, now }) {
    const balance = account.currentBalance;
    const threshold = preferences.balanceThreshold;
    const { next, crossed } = evaluateBalanceThreshold({ previous: asThresholdState(previous), balance, threshold });
    if (!crossed || !balance || !next) return { next, alert: null };
    const content = balanceThresholdContent({ account: label, balance, threshold: next.threshold, direction: crossed });
    return { next, alert: { content, dedupeKey: `balance_threshold:${account.id}:${now.toISOString()}` } };
  },
};

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
