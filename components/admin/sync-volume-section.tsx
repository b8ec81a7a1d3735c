// Sync volume and failure rate over the last 30 or 90 days: each chart with its figures as a table
// behind a disclosure, so the numbers are there for screen readers and for copying.
import Link from "next/link";
import { type AdminQuery, adminHref, RANGES } from "@/lib/admin/params";
import type { DailySyncVolume } from "@/lib/admin/sync-volume";
import type { Display } from "@/lib/format/display";
import { AdminSection } from "./admin-section";
import { formatCount, formatRate } from "./format";
import { type ChartDay, SyncVolumeChart } from "./sync-volume-chart";

const TH = "px-2 py-1 text-left font-medium";
const TD = "px-2 py-1 text-right tabular-nums";

/** One row of a chart's table: the day, then its figures in the columns' order. */
type FigureRow = { day: string; label: string; figures: string[] };

function Figure({
  title,
  description,
  children,
  columns,
  rows,
}: {
  title: string;
  description: string;
  children: React.ReactNode;
  /** The table's column headings, "Day" first. */
  columns: string[];
  rows: FigureRow[];
}) {
  return (
    <figure className="space-y-3 rounded-xl border border-slate-200 p-4 dark:border-slate-800">
      <figcaption>
        <h3 className="font-medium">{title}</h3>
        <p className="text-sm text-slate-600 dark:text-slate-400">{description}</p>
      </figcaption>
      {children}
      <details className="text-sm">
        <summary className="min-h-6 cursor-pointer rounded py-0.5 text-brand-700 focus-visible:outline-2 focus-visible:outline-brand-500 dark:text-brand-100">
          {title} as a table
        </summary>
        <div className="mt-2 max-h-80 overflow-auto">
          <table className="w-full">
            <thead>
              <tr>
                {columns.map((h) => (
                  <th key={h} scope="col" className={TH}>
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.day}>
                  <th scope="row" className={`${TH} font-normal`}>
                    {row.label}
                  </th>
                  {row.figures.map((figure, index) => (
                    <td key={columns[index + 1]} className={TD}>
                      {figure}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
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
  return (
    <AdminSection
      headingId="sync-volume-heading"
      title="Sync volume"
      description="Finished syncs of every connection per UTC day."
      controls={
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
      }
    >
      <div className="grid gap-4 lg:grid-cols-2">
        <Figure
          title="Syncs per day"
          description="Stacked by outcome: successful, partial, failed, cancelled."
          columns={["Day", "Successful", "Partial", "Failed", "Cancelled"]}
          rows={days.map((day) => ({
            day: day.day,
            label: day.label,
            figures: [day.successful, day.partial, day.failed, day.cancelled].map(formatCount),
          }))}
        >
          <SyncVolumeChart days={days} kind="volume" />
        </Figure>
        <Figure
          title="Failure rate"
          description="Failed syncs as a share of the day's finished syncs."
          columns={["Day", "Failure rate", "Finished syncs"]}
          rows={volume.map((day) => ({
            day: day.day,
            label: label(day.day),
            figures: [formatRate(day.failureRate), formatCount(day.total)],
          }))}
        >
          <SyncVolumeChart days={days} kind="failure-rate" />
        </Figure>
      </div>
    </AdminSection>
  );
}
