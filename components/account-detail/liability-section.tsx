// A card's or loan's terms as the bank reports them through Plaid's Liabilities: the rate, the credit
// limit, the minimum payment and when it is due (and whether it is late), and the last payment.

import { Badge } from "@/components/ui/badge";
import type { AccountDetail } from "@/lib/accounts/detail";
import type { Display } from "@/lib/format/display";
import { percent } from "./labels";
import { type Term, TermList } from "./term-list";

export function LiabilitySection({ account, display }: { account: AccountDetail; display: Display }) {
  const { liability } = account;
  if (!liability) return null;
  const credit = liability.kind === "credit";
  const money = (value: AccountDetail["current"]) => (value === null ? null : display.money(value, account.currency));
  const day = (value: Date) => <time dateTime={value.toISOString().slice(0, 10)}>{display.calendarDate(value)}</time>;
  const rows: Term[] = [
    credit
      ? { label: "APR", value: account.apr === null ? null : percent(account.apr) }
      : { label: "Interest rate", value: account.interestRate === null ? null : percent(account.interestRate) },
    { label: "Credit limit", value: credit ? money(account.creditLimit) : null },
    { label: "Minimum payment due", value: money(account.paymentDue) },
    {
      label: "Due date",
      value: liability.nextPaymentDueDate ? (
        <span className="inline-flex flex-wrap items-center gap-2">
          {day(liability.nextPaymentDueDate)}
          {liability.isOverdue ? <Badge tone="error">Overdue</Badge> : null}
        </span>
      ) : null,
    },
    {
      label: "Last payment",
      value:
        liability.lastPaymentAmount !== null ? (
          <span>
            {money(liability.lastPaymentAmount)}
            {liability.lastPaymentDate ? <> on {day(liability.lastPaymentDate)}</> : null}
          </span>
        ) : null,
    },
  ];
  const heading = credit ? "Credit" : "Loan";
  return (
    <section aria-labelledby="account-liability" className="space-y-4">
      <h2 id="account-liability" className="text-lg font-semibold">
        {heading}
      </h2>
      <TermList terms={rows} />
      {liability.updatedAt ? (
        <p className="text-xs text-slate-600 dark:text-slate-400">
          As the bank reported {display.relative(liability.updatedAt)}.
        </p>
      ) : null}
    </section>
  );
}
