// How much of a credit card's limit is used: "$250.50 of $5,000.00 used" and a bar. The bar is left
// out when balances are masked, since its length would give the amount away.
import type { DashboardAccount } from "@/lib/accounts/dashboard";
import type { Display } from "@/lib/format/display";

export function CreditUsage({
  account,
  display,
}: {
  account: Pick<DashboardAccount, "creditUsed" | "creditLimit" | "currency">;
  display: Display;
}) {
  const { creditUsed: used, creditLimit: limit, currency } = account;
  if (used === null || limit === null) return null;
  // A percentage for a bar's width only; the amounts themselves never pass through a float.
  const percent = limit.greaterThan(0) ? Math.min(100, Math.max(0, used.div(limit).times(100).toNumber())) : 0;
  return (
    <div className="space-y-1">
      <p className="text-xs text-slate-600 tabular-nums dark:text-slate-400">
        {display.money(used, currency)} of {display.money(limit, currency)} used
      </p>
      {display.settings.showBalances ? (
        <div
          aria-hidden="true"
          className="ml-auto h-1.5 w-24 overflow-hidden rounded-full bg-slate-200 dark:bg-slate-800"
        >
          <div
            className={`h-full rounded-full ${percent >= 90 ? "bg-red-500" : percent >= 50 ? "bg-amber-500" : "bg-emerald-500"}`}
            style={{ width: `${percent}%` }}
          />
        </div>
      ) : null}
    </div>
  );
}
