// The frame of the account page's tables (transactions, the balance history): a caption for screen
// readers, small capital headings, rows divided by thin lines. The cells are the caller's.
import type { ReactNode } from "react";

/** A column heading; `className` hides it on narrow screens or aligns it right over figures. */
export type AccountTableColumn = { label: string; className?: string };

export function AccountTable({
  caption,
  columns,
  stickyHeader = false,
  children,
}: {
  caption: string;
  columns: AccountTableColumn[];
  /** The headings stay in view while the rows scroll under them. */
  stickyHeader?: boolean;
  /** The rows. */
  children: ReactNode;
}) {
  return (
    <table className="w-full text-sm">
      <caption className="sr-only">{caption}</caption>
      <thead
        className={`${stickyHeader ? "sticky top-0 " : ""}bg-slate-50 text-left text-xs text-slate-600 uppercase dark:bg-slate-900 dark:text-slate-400`}
      >
        <tr>
          {columns.map((column) => (
            <th key={column.label} scope="col" className={`${column.className ?? ""} px-4 py-2 font-medium`}>
              {column.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100 dark:divide-slate-800">{children}</tbody>
    </table>
  );
}
