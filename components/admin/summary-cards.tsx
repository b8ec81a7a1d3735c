// The admin page's headline figures: people, connections and how their syncs are going, all time.
import type { AdminSummary } from "@/lib/admin/dashboard";
import { formatCount, formatRate, formatSeconds } from "./format";

export function SummaryCards({ summary }: { summary: AdminSummary }) {
  const cards = [
    { label: "Users", value: formatCount(summary.users) },
    {
      label: "Connections",
      value: formatCount(summary.connections),
      note: `${formatCount(summary.needingAttention)} need attention, ${formatCount(summary.requiresReauth)} need reconnecting`,
    },
    {
      label: "Finished syncs",
      value: formatCount(summary.totalSyncs),
      note: `${formatRate(summary.successRate)} successful`,
    },
    { label: "Failed syncs", value: formatCount(summary.failedSyncs), tone: summary.failedSyncs > 0 },
    { label: "Average duration", value: formatSeconds(summary.avgDuration) },
    {
      label: "Paused connections",
      value: formatCount(summary.paused),
      note: `${formatCount(summary.queued)} ${summary.queued === 1 ? "sync" : "syncs"} queued, ${formatCount(summary.inMaintenance)} in maintenance`,
    },
  ];
  return (
    <dl className="grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-6">
      {cards.map((card) => (
        <div
          key={card.label}
          className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-800 dark:bg-slate-900/60"
        >
          <dt className="text-xs font-medium tracking-wide text-slate-600 uppercase dark:text-slate-400">
            {card.label}
          </dt>
          <dd
            className={`mt-1 text-2xl font-semibold tabular-nums ${card.tone ? "text-red-700 dark:text-red-400" : ""}`}
          >
            {card.value}
          </dd>
          {card.note ? <dd className="mt-1 text-xs text-slate-600 dark:text-slate-400">{card.note}</dd> : null}
        </div>
      ))}
    </dl>
  );
}
