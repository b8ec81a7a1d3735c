// One page of transactions: date, name and merchant with a pending badge, category, and the amount
// signed the way people read a statement (money in positive, money out negative).

import { AccountTable } from "@/components/ui/account-table";
import { Badge } from "@/components/ui/badge";
import type { TransactionModel } from "@/lib/db";
import type { Display } from "@/lib/format/display";
import { detailedCategory, humanize } from "./labels";

export function TransactionsTable({ transactions, display }: { transactions: TransactionModel[]; display: Display }) {
  const details = display.settings.showTransactionDetails;
  return (
    <div className="overflow-hidden rounded-xl border border-slate-200 dark:border-slate-800">
      <AccountTable
        caption="Transactions, newest first"
        columns={[
          { label: "Date", className: "hidden sm:table-cell" },
          { label: "Description" },
          ...(details ? [{ label: "Category", className: "hidden md:table-cell" }] : []),
          { label: "Amount", className: "text-right" },
        ]}
      >
        {transactions.map((transaction) => (
          <Row key={transaction.id} transaction={transaction} display={display} details={details} />
        ))}
      </AccountTable>
    </div>
  );
}

function Row({
  transaction: t,
  display,
  details,
}: {
  transaction: TransactionModel;
  display: Display;
  details: boolean;
}) {
  const date = display.calendarDate(t.date);
  const iso = t.date.toISOString().slice(0, 10);
  const category = humanize(t.categoryPrimary);
  // Plaid's sign is the bank's (positive = money out); a statement shows money out as negative.
  const signed = t.amount.negated();
  const amount = display.money(signed, t.isoCurrencyCode);
  const incoming = display.settings.showBalances && signed.greaterThan(0);
  return (
    <tr>
      <td className="hidden px-4 py-2.5 align-top whitespace-nowrap text-slate-600 sm:table-cell dark:text-slate-400">
        <time dateTime={iso}>{date}</time>
      </td>
      <td className="px-4 py-2.5 align-top">
        <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
          <span className="font-medium break-words">{t.name}</span>
          {t.pending ? <Badge tone="warning">Pending</Badge> : null}
        </div>
        {details && t.merchantName ? (
          <p className="text-xs text-slate-600 dark:text-slate-400">{t.merchantName}</p>
        ) : null}
        {/* On a phone the date and category columns fold in here. */}
        <p className="text-xs text-slate-600 sm:hidden dark:text-slate-400">
          <time dateTime={iso}>{date}</time>
          {details && category ? ` · ${category}` : null}
        </p>
      </td>
      {details ? (
        <td className="hidden px-4 py-2.5 align-top md:table-cell">
          {category ? (
            <>
              <span>{category}</span>
              <span className="block text-xs text-slate-600 dark:text-slate-400">
                {detailedCategory(t.categoryPrimary, t.categoryDetailed)}
              </span>
            </>
          ) : (
            <span className="text-slate-500 dark:text-slate-400">—</span>
          )}
        </td>
      ) : null}
      <td
        className={`px-4 py-2.5 text-right align-top whitespace-nowrap tabular-nums ${incoming ? "text-emerald-700 dark:text-emerald-400" : ""}`}
      >
        {incoming ? `+${amount}` : amount}
      </td>
    </tr>
  );
}
