// Net worth, assets and liabilities over the visible accounts, in the user's currency (or masked).
import type { DashboardTotals } from "@/lib/accounts/dashboard";
import type { Display } from "@/lib/format/display";

export function Totals({ totals, display }: { totals: DashboardTotals; display: Display }) {
  const figures = [
    { key: "net-worth", label: "Net worth", amount: totals.netWorth, hint: "Assets minus liabilities" },
    { key: "assets", label: "Assets", amount: totals.assets, hint: "Cash, savings and investments" },
    { key: "liabilities", label: "Liabilities", amount: totals.liabilities, hint: "Credit cards and loans" },
  ];
  return (
    <section aria-labelledby="totals-heading">
      <h2 id="totals-heading" className="sr-only">
        Totals
      </h2>
      <dl className="grid gap-3 sm:grid-cols-3">
        {figures.map(({ key, label, amount, hint }) => (
          <div
            key={key}
            className="rounded-xl border border-slate-200 bg-white px-4 py-3 shadow-sm first:border-brand-100 first:bg-brand-50 dark:border-slate-800 dark:bg-slate-950 dark:first:border-brand-700/40 dark:first:bg-brand-700/10"
          >
            <dt className="text-sm font-medium text-slate-600 dark:text-slate-400">{label}</dt>
            <dd className="mt-1 text-2xl font-semibold tracking-tight tabular-nums">{display.money(amount)}</dd>
            <dd className="text-xs text-slate-600 dark:text-slate-400">{hint}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
