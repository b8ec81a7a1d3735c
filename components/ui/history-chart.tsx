"use client";
// A chart of amounts per day (an account's balances, net worth), with a tooltip. Amounts arrive
// formatted (and masked) by the server in each point's text fields; the numbers only place the lines.
import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from "recharts";

export type HistoryLine = {
  /** The point's number field this line draws. */
  key: string;
  /** The point's formatted text for the same amount, shown in the tooltip. */
  textKey: string;
  name: string;
  color: string;
  width: number;
  dash?: string;
  opacity?: number;
  /** Join across days without a value (default true). */
  connectNulls?: boolean;
  /** Mark each day's value with a dot (for sparse series). */
  dots?: boolean;
};

/** A row of the tooltip: a name and the point's text field to show beside it (when `key` has a value). */
export type TooltipRow = { name: string; key: string; textKey: string };

/** A day: YYYY-MM-DD, its label in the person's date format, and the lines' numbers and texts. */
export type HistoryPoint = { date: string; label: string } & Record<string, string | number | null>;

export function HistoryChart({
  points,
  lines,
  currency,
  locale,
  masked,
  longRange,
  title,
  desc,
  tooltipRows = lines,
  noteKey,
}: {
  points: HistoryPoint[];
  lines: HistoryLine[];
  /** What the tooltip lists; by default each line. */
  tooltipRows?: TooltipRow[];
  /** A point's text field shown small under the tooltip's rows (e.g. where the figure came from). */
  noteKey?: string;
  currency: string;
  /** The person's locale (from their browser), for the axis's amounts and days. */
  locale: string;
  /** The person hides balances: no amounts on the axis (the tooltip's are masked by the server). */
  masked: boolean;
  /** Over three months: ticks name the month and year rather than the day. */
  longRange: boolean;
  title: string;
  desc: string;
}) {
  const money = new Intl.NumberFormat(locale, { style: "currency", currency, notation: "compact" });
  const day = new Intl.DateTimeFormat(locale, {
    timeZone: "UTC",
    ...(longRange ? { month: "short", year: "2-digit" } : { month: "short", day: "numeric" }),
  });
  return (
    <div className="text-slate-500 dark:text-slate-400">
      <LineChart
        responsive
        title={title}
        desc={desc}
        data={points}
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
        <Tooltip
          content={({ active, payload }) => (
            <ChartTooltip active={active} point={payload?.[0]?.payload} rows={tooltipRows} noteKey={noteKey} />
          )}
        />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        {lines.map((line) => (
          <Line
            key={line.key}
            name={line.name}
            dataKey={line.key}
            type="monotone"
            stroke={line.color}
            strokeWidth={line.width}
            strokeDasharray={line.dash}
            strokeOpacity={line.opacity}
            dot={line.dots ? { r: 2.5, fill: line.color } : false}
            connectNulls={line.connectNulls ?? true}
            isAnimationActive={false}
          />
        ))}
      </LineChart>
    </div>
  );
}

function ChartTooltip({
  active,
  point,
  rows,
  noteKey,
}: {
  active?: boolean;
  point?: HistoryPoint;
  rows: TooltipRow[];
  noteKey?: string;
}) {
  if (!active || !point) return null;
  const note = noteKey ? point[noteKey] : null;
  return (
    <div className="rounded-lg border border-slate-200 bg-white px-3 py-2 text-sm text-slate-900 shadow-md dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100">
      <p className="font-medium">{point.label}</p>
      {rows.map((row) =>
        point[row.key] === null ? null : (
          <p key={row.key}>
            {row.name}: {point[row.textKey]}
          </p>
        ),
      )}
      {note ? <p className="text-xs text-slate-600 dark:text-slate-400">{note}</p> : null}
    </div>
  );
}
