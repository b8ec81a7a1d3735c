// The dashboard's net-worth history: range links, then one chart (and its table) in the display
// currency when the days convert, else one per currency, never mixing them. Loads its own data, so
// the page streams it in its own Suspense boundary.
import { DaysTable } from "@/components/ui/days-table";
import { RangeNav } from "@/components/ui/range-nav";
import { getNetWorthHistory, type NetWorthHistory } from "@/lib/accounts/balances/net-worth";
import { HISTORY_RANGE_WORDS, type HistoryRange, isLongRange } from "@/lib/accounts/balances/ranges";
import type { Display } from "@/lib/format/display";
import type { CurrencyTotals } from "@/lib/fx";
import { NetWorthChart, type NetWorthChartPoint } from "./net-worth-chart";

type Series = { currency: string; title: string; note: string | null; points: NetWorthChartPoint[] };

export async function NetWorthSection({
  userId,
  range,
  displayCurrency,
  display,
}: {
  userId: string;
  range: HistoryRange;
  displayCurrency: string | null;
  display: Display;
}) {
  const history = await getNetWorthHistory({ userId, range, displayCurrency });
  const rangeLabel = HISTORY_RANGE_WORDS[range];
  const series = toSeries(history, display);
  return (
    <section aria-labelledby="net-worth-history" className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="net-worth-history" className="scroll-mt-4 text-lg font-semibold">
          Net worth over time
        </h2>
        <RangeNav
          current={range}
          label="Net worth history range"
          hrefFor={(next) => `/accounts?range=${next}#net-worth-history`}
        />
      </div>
      {history.notice ? (
        <p role="note" className="text-sm text-amber-800 dark:text-amber-300">
          {history.notice}
        </p>
      ) : null}
      {series.length === 0 ? (
        <p className="rounded-xl border border-dashed border-slate-300 px-4 py-8 text-center text-sm text-slate-600 dark:border-slate-700 dark:text-slate-400">
          No balances recorded in {rangeLabel}.
        </p>
      ) : (
        series.map((one) => {
          const captionId = `net-worth-caption-${one.currency}`;
          return (
            <figure key={one.currency} aria-labelledby={captionId} className="space-y-2">
              <NetWorthChart
                points={one.points}
                currency={one.currency}
                locale={display.settings.locale}
                masked={!display.settings.showBalances}
                longRange={isLongRange(range)}
                title={one.title}
              />
              <figcaption id={captionId} className="text-xs text-slate-600 dark:text-slate-400">
                {one.title} at the end of each day, {rangeLabel}.{one.note ? ` ${one.note}` : ""} The table below lists
                the same days.
              </figcaption>
              <DaysTable
                summary={`Show ${one.title.replace(/^Net/, "net")} as a table`}
                caption={`${one.title}, ${rangeLabel}`}
                columns={["Net worth", "Assets", "Liabilities"]}
                rows={one.points.map((point) => ({
                  ...point,
                  cells: [point.netWorthText, point.assetsText, point.liabilitiesText],
                }))}
              />
            </figure>
          );
        })
      )}
    </section>
  );
}

/** One series in the display currency when any day converts, else one per currency (its days only). */
function toSeries(history: NetWorthHistory, display: Display): Series[] {
  const target = history.displayCurrency;
  if (target && history.points.some((point) => point.converted !== null)) {
    const latest = history.points.findLast((point) => point.rateDay !== null)?.rateDay;
    return [
      {
        currency: target,
        title: `Net worth in ${target}`,
        note: latest
          ? `Each day is converted at that day's reference rates (the latest from ${display.calendarDate(latest)}).`
          : null,
        points: history.points.map((point) => toPoint(point.date, point.converted, display)),
      },
    ];
  }
  return history.currencies.map((currency) => ({
    currency,
    title: history.currencies.length > 1 ? `Net worth of accounts in ${currency}` : "Net worth",
    note: null,
    points: history.points.flatMap((point) => {
      const totals = point.byCurrency.find((total) => total.currency === currency);
      return totals ? [toPoint(point.date, totals, display)] : [];
    }),
  }));
}

function toPoint(date: string, totals: CurrencyTotals | null, display: Display): NetWorthChartPoint {
  const number = (key: "netWorth" | "assets" | "liabilities") => (totals ? totals[key].toNumber() : null);
  const text = (key: "netWorth" | "assets" | "liabilities") => display.money(totals?.[key] ?? null, totals?.currency);
  return {
    date,
    label: display.calendarDate(date),
    // Floats only to place the lines; every amount a person reads is the formatted decimal.
    netWorth: number("netWorth"),
    assets: number("assets"),
    liabilities: number("liabilities"),
    netWorthText: text("netWorth"),
    assetsText: text("assets"),
    liabilitiesText: text("liabilities"),
  };
}
