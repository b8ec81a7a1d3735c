"use client";
// The balance history chart: current and available balance per day, in the account's colour. The only
// client component of the account page; amounts arrive already formatted (and masked) by the server.
import { HistoryChart, type HistoryLine } from "@/components/ui/history-chart";

export type ChartPoint = {
  /** YYYY-MM-DD. */
  date: string;
  /** The day in the user's date format. */
  label: string;
  current: number | null;
  available: number | null;
  currentText: string;
  availableText: string;
};

const FALLBACK_COLOR = "#2f6fe4";
const COLOR = /^#[0-9a-f]{6}$/i;

export function BalanceChart({
  points,
  color,
  ...rest
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
  const lines: HistoryLine[] = [
    {
      key: "current",
      textKey: "currentText",
      name: "Current",
      color: color && COLOR.test(color) ? color : FALLBACK_COLOR,
      width: 2,
    },
  ];
  if (points.some((point) => point.available !== null)) {
    lines.push({
      key: "available",
      textKey: "availableText",
      name: "Available",
      color: "currentColor",
      width: 1.5,
      dash: "5 4",
    });
  }
  return (
    <HistoryChart
      {...rest}
      points={points}
      lines={lines}
      title="Balance history chart"
      desc="Current and available balance per day. Arrow keys move between days."
    />
  );
}
