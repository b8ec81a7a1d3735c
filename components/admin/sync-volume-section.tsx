// Sync volume and failure rate over the last 30 or 90 days: each chart with its figures as a table
// behind a disclosure, so the numbers are there for screen readers and for copying.
import Link from "next/link";
import { type AdminQuery, adminHref, RANGES } from "@/lib/admin/params";
import type { DailySyncVolume } from "@/lib/admin/sync-volume";
import type { Display } from "@/lib/format/display";
import { formatCount, formatRate } from "./format";
import { type ChartDay, SyncVolumeChart } from "./sync-volume-chart";

function Figure({
  title,
  description,
  children,
  table,
}: {
  title: string;
  description: string;
  children: React.ReactNode;
  table: React.ReactNode;
}) {
  return (
    <figure className="space-y-3 rounded-xl border border-slate-200 p-4 dark:border-slate-800">
      <figcaption>
        <h3 className="font-medium">{title}</h3>
        <p className="text-sm text-slate-600 dark:text-slate-400">{description}</p>
      </figcaption>
      {children}
      <details className="text-sm">
        <summary className="cursor-pointer rounded text-brand-600 focus-visible:outline-2 focus-visible:outline-brand-500 dark:text-brand-100">
          {title} as a table
        </summary>
        <div className="mt-2 max-h-80 overflow-auto">{table}</div>
      </details>
    </figure>
  );
}

export function SyncVolumeSection({
  volume,
  query,
  display,
}: {
  volume: DailySyncVolume[];
  query: AdminQuery;
  display: Display;
}) {
  // The figures are counted per UTC day; calendarDate shows that day whatever the server's zone.
  const label = (day: string) => display.calendarDate(day);
  const days: ChartDay[] = volume.map((day) => ({
    day: day.day,
    label: label(day.day),
    successful: day.successful,
    failed: day.failed,
    partial: day.partial,
    cancelled: day.cancelled,
    failureRate: day.failureRate === null ? null : Math.round(day.failureRate * 1000) / 10,
  }));
  const th = "px-2 py-1 text-left font-medium";
  const td = "px-2 py-1 text-right tabular-nums";
  return (
    <section aria-labelledby="sync-volume-heading" className="space-y-3">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h2 id="sync-volume-heading" className="text-lg font-semibold">
            Sync volume
          </h2>
          <p className="text-sm text-slate-600 dark:text-slate-400">Finished syncs of every connection per UTC day.</p>
        </div>
        <nav aria-label="Chart range" className="flex gap-1 text-sm">
          {RANGES.map((range) => (
            <Link
              key={range}
              href={adminHref(query, { range })}
              scroll={false}
              aria-current={query.range === range ? "page" : undefined}
              className="rounded-md px-3 py-1.5 text-slate-600 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-brand-500 aria-[current=page]:bg-slate-100 aria-[current=page]:font-medium aria-[current=page]:text-slate-900 dark:text-slate-400 dark:hover:bg-slate-900 dark:aria-[current=page]:bg-slate-800 dark:aria-[current=page]:text-white"
            >
              Last {range} days
            </Link>
          ))}
        </nav>
      </div>
      <div className="grid gap-4 lg:grid-cols-2">
        <Figure
          title="Syncs per day"
          description="Stacked by outcome: successful, partial, failed, cancelled."
          table={
            <table className="w-full">
              <thead>
                <tr>
                  {["Day", "Successful", "Partial", "Failed", "Cancelled"].map((h) => (
                    <th key={h} scope="col" className={th}>
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {days.map((day) => (
                  <tr key={day.day}>
                    <th scope="row" className={`${th} font-normal`}>
                      {day.label}
                    </th>
                    <td className={td}>{formatCount(day.successful)}</td>
                    <td className={td}>{formatCount(day.partial)}</td>
                    <td className={td}>{formatCount(day.failed)}</td>
                    <td className={td}>{formatCount(day.cancelled)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          }
        >
          <SyncVolumeChart days={days} kind="volume" />
        </Figure>
        <Figure
          title="Failure rate"
          description="Failed syncs as a share of the day's finished syncs."
          table={
            <table className="w-full">
              <thead>
                <tr>
                  {["Day", "Failure rate", "Finished syncs"].map((h) => (
                    <th key={h} scope="col" className={th}>
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {volume.map((day) => (
                  <tr key={day.day}>
                    <th scope="row" className={`${th} font-normal`}>
                      {label(day.day)}
                    </th>
                    <td className={td}>{formatRate(day.failureRate)}</td>
                    <td className={td}>{formatCount(day.total)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          }
        >
          <SyncVolumeChart days={days} kind="failure-rate" />
        </Figure>
      </div>
    </section>
  );
}
