// A chart's days as a table (balances, net worth): for screen readers, keyboards and anyone who wants
// the numbers. Collapsed by default so a year of days does not push the rest of the page away.
import { AccountTable } from "./account-table";

export type DayRow = { date: string; label: string; cells: string[] };

export function DaysTable({
  summary,
  caption,
  columns,
  rows,
}: {
  /** The disclosure's text, before the count of days. */
  summary: string;
  caption: string;
  /** The amount columns' headings, after Date. */
  columns: string[];
  rows: DayRow[];
}) {
  const headings = [{ label: "Date" }, ...columns.map((label) => ({ label, className: "text-right" }))];
  return (
    <details className="group rounded-xl border border-slate-200 dark:border-slate-800">
      <summary className="cursor-pointer rounded-xl px-4 py-3 text-sm font-medium select-none hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-brand-500 dark:hover:bg-slate-900">
        {summary} ({rows.length} {rows.length === 1 ? "day" : "days"})
      </summary>
      {/* Focusable, so a keyboard can scroll the days (axe: scrollable-region-focusable). */}
      <section
        aria-label={caption}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take focus to scroll by keyboard.
        tabIndex={0}
        className="max-h-96 overflow-auto border-t border-slate-200 focus-visible:outline-2 focus-visible:outline-brand-500 dark:border-slate-800"
      >
        <AccountTable caption={caption} columns={headings} stickyHeader>
          {/* Newest first: the day a reader most often wants is at the top. */}
          {rows.toReversed().map((row) => (
            <tr key={row.date}>
              <th scope="row" className="px-4 py-1.5 text-left font-normal whitespace-nowrap">
                <time dateTime={row.date}>{row.label}</time>
              </th>
              {row.cells.map((cell, index) => (
                <td key={headings[index + 1]?.label} className="px-4 py-1.5 text-right whitespace-nowrap tabular-nums">
                  {cell}
                </td>
              ))}
            </tr>
          ))}
        </AccountTable>
      </section>
    </details>
  );
}
