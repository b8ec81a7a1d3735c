"use client";
// The balance history chart: current and available balance per day, on the shared history chart. Days
// the bank reported (or the person entered) and days calculated from transactions are told apart: a solid line and a dashed
// one, named in the legend, and the tooltip says which a day is. Amounts arrive formatted (and masked)
// by the server; the numbers only place the lines.
import { HistoryChart, type HistoryLine, type HistoryPoint } from "@/components/ui/history-chart";

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
  /** The current balance is one the person entered (a manual account). */
  entered: boolean;
};

/** Where a day's current balance came from, in words. */
export function sourceOf(point: Pick<ChartPoint, "calculated" | "entered">): string {
  if (point.calculated) return "Calculated from transactions";
  return point.entered ? "Entered by you" : "Reported by the bank";
}

const FALLBACK_COLOR = "#2f6fe4";
const COLOR = /^#[0-9a-f]{6}$/i;

/**
 * The current balance split in two series: reported days, and calculated days with the reported days
 * on their edges, so the dashed stretch joins the solid one instead of leaving a gap.
 */
function splitBySource(points: ChartPoint[]): HistoryPoint[] {
  return points.map((point, index) => {
    const nearCalculated = point.calculated || points[index - 1]?.calculated || points[index + 1]?.calculated;
    return {
      date: point.date,
      label: point.label,
      current: point.current,
      currentText: point.currentText,
      available: point.available,
      availableText: point.availableText,
      reported: point.calculated ? null : point.current,
      reconstructed: nearCalculated ? point.current : null,
      source:
        point.current === null ? null : point.calculated ? "Calculated from transactions" : "Reported by the bank",
    };
  });
}

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
  const hasCalculated = points.some((point) => point.calculated);
  const reportedDays = points.filter((point) => !point.calculated && point.current !== null).length;
  const entered = points.some((point) => point.entered);
  const lines: HistoryLine[] = [
    {
      key: "reported",
      textKey: "currentText",
      name: !hasCalculated ? "Current" : entered ? "Current, entered by you" : "Current, reported by the bank",
      color: stroke,
      width: 2,
      // Reported days among calculated ones are far apart: a dot marks each, and no line joins them.
      dots: hasCalculated && reportedDays <= 60,
      connectNulls: !hasCalculated,
    },
    ...(hasCalculated
      ? [
          {
            key: "reconstructed",
            textKey: "currentText",
            name: "Current, calculated from transactions",
            color: stroke,
            width: 2,
            dash: "2 3",
            opacity: 0.75,
            connectNulls: false,
          },
        ]
      : []),
    ...(hasAvailable
      ? [
          {
            key: "available",
            textKey: "availableText",
            name: "Available",
            color: "currentColor",
            width: 1.5,
            dash: "5 4",
          },
        ]
      : []),
  ];
  return (
    <HistoryChart
      points={splitBySource(points)}
      lines={lines}
      tooltipRows={[
        { name: "Current", key: "current", textKey: "currentText" },
        { name: "Available", key: "available", textKey: "availableText" },
      ]}
      noteKey="source"
      currency={currency}
      locale={locale}
      masked={masked}
      longRange={longRange}
      title="Balance history chart"
      desc="Current and available balance per day, reported by the bank or calculated from transactions. Arrow keys move between days."
    />
  );
}
