// The balance history section: range links, the chart and the same points as a table, and the CSV of
// them. Loads its own data, so the page streams it in its own Suspense boundary.
import { notFound } from "next/navigation";
import { DaysTable } from "@/components/ui/days-table";
import { RangeNav } from "@/components/ui/range-nav";
import {
  getBalanceHistory,
  HISTORY_RANGE_WORDS,
  type HistoryRange,
  isLongRange,
} from "@/lib/accounts/balances/history";
import type { Display } from "@/lib/format/display";
import { BalanceChart, type ChartPoint } from "./balance-chart";
import { DownloadLink } from "./download-link";
import { type AccountPageState, accountPageHref } from "./page-href";

export async function BalanceHistory({
  userId,
  accountId,
  color,
  range,
  state,
  display,
}: {
  userId: string;
  accountId: string;
  color: string | null;
  range: HistoryRange;
  state: AccountPageState;
  display: Display;
}) {
  const history = await getBalanceHistory({ userId, accountId, range });
  if (!history) notFound();
  const points: ChartPoint[] = history.points.map((point) => ({
    date: point.date,
    label: display.calendarDate(point.date),
    // Floats only to place the lines; every amount a person reads is the formatted decimal.
    current: point.current === null ? null : point.current.toNumber(),
    available: point.available === null ? null : point.available.toNumber(),
    currentText: display.money(point.current, history.currency),
    availableText: display.money(point.available, history.currency),
    calculated: point.calculated,
    entered: point.entered,
  }));
  const calculatedDays = points.filter((point) => point.calculated).length;
  const rangeLabel = HISTORY_RANGE_WORDS[range];
  // Credit and loan accounts often report no available balance: say only what the chart shows.
  const series = points.some((point) => point.available !== null) ? "Current and available balance" : "Current balance";
  return (
    <section aria-labelledby="balance-history" className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="balance-history" className="scroll-mt-4 text-lg font-semibold">
          Balance history
        </h2>
        <RangeNav
          current={range}
          hrefFor={(next) => accountPageHref(accountId, { ...state, range: next }, "balance-history")}
        />
      </div>
      {points.length === 0 ? (
        <p className="rounded-xl border border-dashed border-slate-300 px-4 py-8 text-center text-sm text-slate-600 dark:border-slate-700 dark:text-slate-400">
          No balances recorded in {rangeLabel}.
        </p>
      ) : (
        <>
          <figure aria-labelledby="balance-chart-caption" className="space-y-2">
            <BalanceChart
              points={points}
              color={color}
              currency={history.currency}
              locale={display.settings.locale}
              masked={!display.settings.showBalances}
              longRange={isLongRange(range)}
            />
            <figcaption id="balance-chart-caption" className="text-xs text-slate-600 dark:text-slate-400">
              {series} at the end of each day, {rangeLabel}.{" "}
              {calculatedDays > 0
                ? `${calculatedDays} of the ${points.length} days are calculated from transactions (dashed); the rest ${points.some((point) => point.entered) ? "you entered" : "the bank reported"}. `
                : null}
              The table below lists the same days.
            </figcaption>
          </figure>
          <DaysTable
            summary="Show the balance history as a table"
            caption={`Daily balances, ${rangeLabel}`}
            columns={["Current", "Available", "Current balance from"]}
            rows={points.map((point) => ({
              date: point.date,
              label: point.label,
              cells: [
                point.currentText,
                point.availableText,
                point.calculated ? "Transactions" : point.entered ? "You" : "Bank",
              ],
            }))}
          />
        </>
      )}
      {history.reconstructed ? null : (
        <p className="text-sm text-slate-600 dark:text-slate-400">
          An investment account&apos;s value moves with the market, not only with its transactions, so its history shows
          only the balances the bank reported.
        </p>
      )}
      <DownloadLink href={`/accounts/${accountId}/balances.csv?range=${range}`}>
        Download balance history (CSV)
      </DownloadLink>
    </section>
  );
}
