// Unusual activity: a new posted charge far outside the account's own last 90 days, by the four
// explainable checks in unusual-detector.ts; the check that matched is the alert's reason. It comes
// before transaction notifications in the registry, so such a charge makes this alert instead of a
// plain one.
import { type AlertTransaction, describeTransaction, transactionData } from "./alert-transaction";
import { accountDisplayName } from "./format";
import type { AccountLabel, AlertContent, TransactionRule } from "./types";
import { detectUnusualActivity, type UnusualFinding } from "./unusual-detector";

export const unusualActivityRule: TransactionRule<"unusual_activity"> = {
  kind: "unusual_activity",
  label: "Unusual activity",
  nouns: ["unusual activity alert", "unusual activity alerts"],
  scope: "transaction",
  settings: {
    toggle: "unusualActivityAlerts",
    label: "Unusual activity alerts",
    hint: "When a transaction looks unlike the account's usual activity.",
    threshold: null,
    amountLabel: null,
  },
  async evaluate({ label, transactions, history }) {
    const findings = detectUnusualActivity({ transactions, history: await history() });
    return transactions.flatMap((transaction) => {
      const finding = findings.get(transaction.transactionId);
      if (!finding) return [];
      return [
        {
          transactionId: transaction.transactionId,
          content: unusualContent({ account: label, transaction, finding }),
          dedupeKey: `unusual:${transaction.transactionId}`,
        },
      ];
    });
  },
};

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
