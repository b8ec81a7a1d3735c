// The balance history as a table: the chart's points for screen readers, keyboards and anyone who wants
// the numbers. Collapsed by default so a year of days does not push the transactions off the page.

import { AccountTable } from "@/components/ui/account-table";

const COLUMNS = [
  { label: "Date" },
  { label: "Current", className: "text-right" },
  { label: "Available", className: "text-right" },
  { label: "Current balance from" },
];

export type HistoryRow = {
  date: string;
  label: string;
  currentText: string;
  availableText: string;
  calculated: boolean;
};

export function HistoryTable({ rows, caption }: { rows: HistoryRow[]; caption: string }) {
  return (
    <details className="group rounded-xl border border-slate-200 dark:border-slate-800">
      <summary className="cursor-pointer rounded-xl px-4 py-3 text-sm font-medium select-none hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-brand-500 dark:hover:bg-slate-900">
        Show the balance history as a table ({rows.length} {rows.length === 1 ? "day" : "days"})
      </summary>
      <div className="max-h-96 overflow-y-auto border-t border-slate-200 dark:border-slate-800">
        <AccountTable caption={caption} columns={COLUMNS} stickyHeader>
          {/* Newest first: the day a reader most often wants is at the top. */}
          {rows.toReversed().map((row) => (
            <tr key={row.date}>
              <th scope="row" className="px-4 py-1.5 text-left font-normal whitespace-nowrap">
                <time dateTime={row.date}>{row.label}</time>
              </th>
              <td className="px-4 py-1.5 text-right tabular-nums">{row.currentText}</td>
              <td className="px-4 py-1.5 text-right tabular-nums">{row.availableText}</td>
              <td className="px-4 py-1.5 whitespace-nowrap">{row.calculated ? "Transactions" : "Bank"}</td>
            </tr>
          ))}
        </AccountTable>
      </div>
    </details>
  );
}
