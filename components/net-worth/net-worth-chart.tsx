"use client";
// The net-worth chart: net worth, assets and liabilities per day in one currency. Amounts arrive
// formatted (and masked) by the server; the numbers here only place the lines.
import { HistoryChart, type HistoryLine } from "@/components/ui/history-chart";

export type NetWorthChartPoint = {
  /** YYYY-MM-DD. */
  date: string;
  /** The day in the person's date format. */
  label: string;
  netWorth: number | null;
  assets: number | null;
  liabilities: number | null;
  netWorthText: string;
  assetsText: string;
  liabilitiesText: string;
};

const LINES: HistoryLine[] = [
  { key: "netWorth", textKey: "netWorthText", name: "Net worth", color: "#2f6fe4", width: 2.5 },
  { key: "assets", textKey: "assetsText", name: "Assets", color: "#15803d", width: 1.5 },
  { key: "liabilities", textKey: "liabilitiesText", name: "Liabilities", color: "#b91c1c", width: 1.5, dash: "5 4" },
];

export function NetWorthChart(props: {
  points: NetWorthChartPoint[];
  currency: string;
  locale: string;
  /** The person hides balances: no amounts on the axis (the tooltip's are masked by the server). */
  masked: boolean;
  /** Over three months: ticks name the month and year rather than the day. */
  longRange: boolean;
  title: string;
}) {
  return (
    <HistoryChart
      {...props}
      lines={LINES}
      desc="Net worth, assets and liabilities per day. Arrow keys move between days."
    />
  );
}
