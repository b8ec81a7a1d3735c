"use client";
// The balance history chart: current and available balance per day, with a tooltip. The only client
// component of the account page; amounts arrive already formatted (and masked) by the server, and the
// numbers here only place the lines. Days the bank reported and days calculated from transactions are
// told apart: a solid line and a dashed one, named in the legend and the tooltip.
import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from "recharts";

export type ChartPoint = {
  /** YYYY-MM-DD. */
  date: string;
  /** The day in the user's date format. */
  label: string;
  current: number | null;
  available: number | null;
  currentText: string;
  availableText: string;
  /** The current balance was calculated from transactions rather than reported. */
  calculated: boolean;
};

type PlottedPoint = ChartPoint & { reported: number | null; reconstructed: number | null };

/**
 * The current balance split in two series: reported days, and calculated days with the reported days
 * on their edges, so the dashed stretch joins the solid one instead of leaving a gap.
 */
function splitBySource(points: ChartPoint[]): PlottedPoint[] {
  return points.map((point, index) => {
    const nearCalculated = point.calculated || points[index - 1]?.calculated || points[index + 1]?.calculated;
    return {
      ...point,
      reported: point.calculated ? null : point.current,
      reconstructed: nearCalculated ? point.current : null,
    };
  });
}

const FALLBACK_COLOR = "#2f6fe4";
const COLOR = /^#[0-9a-f]{6}$/i;

export function BalanceChart({
  points,
  color,
  currency,
  locale,
  masked,
  longRange,
}: {
  points: ChartPoint[];
  color: string | null;
  currency: string;
  /** The person's locale (from their browser), for the axis's amounts and days. */
  locale: string;
  /** The user hides balances: no amounts on the axis (the tooltip's are masked by the server). */
  masked: boolean;
  /** Over three months: ticks name the month and year rather than the day. */
  longRange: boolean;
}) {
  const stroke = color && COLOR.test(color) ? color : FALLBACK_COLOR;
  const hasAvailable = points.some((point) => point.available !== null);
  const plotted = splitBySource(points);
  const hasCalculated = points.some((point) => point.calculated);
  const reportedDays = points.filter((point) => !point.calculated && point.current !== null).length;
  const money = new Intl.NumberFormat(locale, { style: "currency", currency, notation: "compact" });
  const day = new Intl.DateTimeFormat(locale, {
    timeZone: "UTC",
    ...(longRange ? { month: "short", year: "2-digit" } : { month: "short", day: "numeric" }),
  });
  return (
    <div className="text-slate-500 dark:text-slate-400">
      <LineChart
        responsive
        title="Balance history chart"
        desc="Current and available balance per day, reported by the bank or calculated from transactions. Arrow keys move between days."
        data={plotted}
        style={{ width: "100%", height: 280 }}
        margin={{ top: 8, right: 8, bottom: 0, left: 0 }}
      >
        <CartesianGrid stroke="currentColor" strokeOpacity={0.2} vertical={false} />
        <XAxis
          dataKey="date"
          stroke="currentColor"
          tick={{ fill: "currentColor", fontSize: 12 }}
          tickFormatter={(date: string) => day.format(new Date(`${date}T00:00:00Z`))}
          minTickGap={32}
        />
        <YAxis
          stroke="currentColor"
          tick={masked ? false : { fill: "currentColor", fontSize: 12 }}
          tickFormatter={(value: number) => money.format(value)}
          width={masked ? 8 : 64}
          domain={["auto", "auto"]}
        />
        <Tooltip content={({ active, payload }) => <ChartTooltip active={active} point={payload?.[0]?.payload} />} />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        <Line
          name={hasCalculated ? "Current, reported by the bank" : "Current"}
          dataKey="reported"
          type="monotone"
          stroke={stroke}
          strokeWidth={2}
          // Reported days among calculated ones are far apart: a dot marks each.
          dot={hasCalculated && reportedDays <= 60 ? { r: 2.5, fill: stroke } : false}
          connectNulls={!hasCalculated}
          isAnimationActive={false}
        />
        {hasCalculated ? (
          <Line
            name="Current, calculated from transactions"
            dataKey="reconstructed"
            type="monotone"
            stroke={stroke}
            strokeOpacity={0.75}
            strokeWidth={2}
            strokeDasharray="2 3"
            dot={false}
            isAnimationActive={false}
          />
        ) : null}
        {hasAvailable ? (
          <Line
            name="Available"
            dataKey="available"
            type="monotone"
            stroke="currentColor"
            strokeWidth={1.5}
            strokeDasharray="5 4"
            dot={false}
            connectNulls
            isAnimationActive={false}
          />
        ) : null}
      </LineChart>
    </div>
  );
}

function ChartTooltip({ active, point }: { active?: boolean; point?: PlottedPoint }) {
  if (!active || !point) return null;
  return (
    <div className="rounded-lg border border-slate-200 bg-white px-3 py-2 text-sm text-slate-900 shadow-md dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100">
      <p className="font-medium">{point.label}</p>
      <p>Current: {point.currentText}</p>
      <p className="text-xs text-slate-600 dark:text-slate-400">
        {point.calculated ? "Calculated from transactions" : "Reported by the bank"}
      </p>
      {point.available !== null ? <p>Available: {point.availableText}</p> : null}
    </div>
  );
}
