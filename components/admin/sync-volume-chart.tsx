"use client";
// The two sync charts: finished syncs per day by outcome (stacked bars) and the daily failure rate
// (a line). Drawn in the browser and hidden from assistive technology: the section around them carries
// the same figures as tables. Recharts' keyboard layer is off for the same reason: a focusable chart
// inside aria-hidden would be a stop with nothing to say.
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from "recharts";

export interface ChartDay {
  /** YYYY-MM-DD. */
  day: string;
  label: string;
  successful: number;
  failed: number;
  partial: number;
  cancelled: number;
  /** Percent, 0–100; null on a day without syncs. */
  failureRate: number | null;
}

// Mid-range shades that read on both the white and the near-black background.
const COLORS = { successful: "#10b981", failed: "#ef4444", partial: "#f59e0b", cancelled: "#94a3b8" };
const AXIS = { fill: "currentColor", fontSize: 12 };
const TOOLTIP = {
  contentStyle: { background: "#0f172a", border: "none", borderRadius: 8, color: "#f8fafc", fontSize: 12 },
  itemStyle: { color: "#f8fafc" },
  labelStyle: { color: "#cbd5e1" },
};

export function SyncVolumeChart({ days, kind }: { days: ChartDay[]; kind: "volume" | "failure-rate" }) {
  const common = {
    data: days,
    responsive: true,
    style: { width: "100%", height: 260 },
    accessibilityLayer: false,
    margin: { top: 8, right: 8, bottom: 0, left: 0 },
  };
  const xAxis = <XAxis dataKey="label" tick={AXIS} minTickGap={24} tickLine={false} stroke="currentColor" />;
  const grid = <CartesianGrid strokeDasharray="3 3" stroke="currentColor" strokeOpacity={0.15} vertical={false} />;
  if (kind === "failure-rate") {
    return (
      <div aria-hidden="true" className="text-slate-500 dark:text-slate-400">
        <LineChart {...common}>
          {grid}
          {xAxis}
          <YAxis tick={AXIS} width={44} unit="%" domain={[0, 100]} stroke="currentColor" />
          <Tooltip {...TOOLTIP} formatter={(value) => [`${Number(value).toFixed(1)}%`, "Failure rate"]} />
          <Line
            type="linear"
            dataKey="failureRate"
            name="Failure rate"
            stroke={COLORS.failed}
            strokeWidth={2}
            dot={false}
            connectNulls
            isAnimationActive={false}
          />
        </LineChart>
      </div>
    );
  }
  return (
    <div aria-hidden="true" className="text-slate-500 dark:text-slate-400">
      <BarChart {...common}>
        {grid}
        {xAxis}
        <YAxis tick={AXIS} width={44} allowDecimals={false} stroke="currentColor" />
        <Tooltip {...TOOLTIP} cursor={{ fill: "currentColor", fillOpacity: 0.08 }} />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        {(["successful", "partial", "failed", "cancelled"] as const).map((key) => (
          <Bar
            key={key}
            dataKey={key}
            name={key.charAt(0).toUpperCase() + key.slice(1)}
            stackId="syncs"
            fill={COLORS[key]}
            isAnimationActive={false}
          />
        ))}
      </BarChart>
    </div>
  );
}
