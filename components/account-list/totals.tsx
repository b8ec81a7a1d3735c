// Net worth, assets and liabilities over the visible accounts: one set per currency, never summed
// across currencies, and, when the person chose a display currency, their sum converted into it with
// the rate's day beside it (or why it could not be).
import type { DashboardTotals } from "@/lib/accounts/dashboard";
import type { Display } from "@/lib/format/display";
import type { CurrencyTotals } from "@/lib/fx";

const FIGURES = [
  { key: "netWorth", label: "Net worth", hint: "Assets minus liabilities" },
  { key: "assets", label: "Assets", hint: "Cash, savings and investments" },
  { key: "liabilities", label: "Liabilities", hint: "Credit cards and loans" },
] as const;

export function Totals({ totals, display }: { totals: DashboardTotals; display: Display }) {
  const { converted, byCurrency, notice } = totals;
  // One currency already in the display currency (or no choice made and one currency): no second row.
  const perCurrency = converted && byCurrency.length === 1 && converted.rateDay === null ? [] : byCurrency;
  return (
    <section aria-labelledby="totals-heading" className="space-y-3">
      <h2 id="totals-heading" className="sr-only">
        Totals
      </h2>
      {converted ? (
        <TotalsRow
          totals={converted}
          display={display}
          note={
            converted.rateDay
              ? `Converted into ${converted.currency} at the reference rates of ${display.calendarDate(converted.rateDay)}`
              : null
          }
        />
      ) : null}
      {notice ? (
        <p role="note" className="text-sm text-amber-800 dark:text-amber-300">
          {notice}
        </p>
      ) : null}
      {perCurrency.length > 0 && converted ? (
        <h3 className="text-sm font-medium text-slate-600 dark:text-slate-400">In each account's currency</h3>
      ) : null}
      {perCurrency.map((total) => (
        <TotalsRow
          key={total.currency}
          totals={total}
          display={display}
          note={byCurrency.length > 1 || converted ? `Accounts in ${total.currency}` : null}
          compact={Boolean(converted)}
        />
      ))}
    </section>
  );
}

function TotalsRow({
  totals,
  display,
  note,
  compact = false,
}: {
  totals: CurrencyTotals;
  display: Display;
  note: string | null;
  compact?: boolean;
}) {
  return (
    <div>
      {note ? <p className="mb-1 text-xs text-slate-600 dark:text-slate-400">{note}</p> : null}
      <dl className="grid gap-3 sm:grid-cols-3">
        {FIGURES.map(({ key, label, hint }) => (
          <div
            key={key}
            className="rounded-xl border border-slate-200 bg-white px-4 py-3 shadow-sm first:border-brand-100 first:bg-brand-50 dark:border-slate-800 dark:bg-slate-950 dark:first:border-brand-700/40 dark:first:bg-brand-700/10"
          >
            <dt className="text-sm font-medium text-slate-600 dark:text-slate-400">
              {label}
              <span className="sr-only"> ({totals.currency})</span>
            </dt>
            <dd className={`mt-1 font-semibold tracking-tight tabular-nums ${compact ? "text-lg" : "text-2xl"}`}>
              {display.money(totals[key], totals.currency)}
            </dd>
            <dd className="text-xs text-slate-600 dark:text-slate-400">{hint}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
