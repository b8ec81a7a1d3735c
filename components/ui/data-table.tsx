// A table of figures in a frame that scrolls sideways on a narrow screen (and, being focusable, by
// keyboard), rather than squeezing its columns or widening the page. The pieces keep every table's
// header, rows and first column alike; the cells stay the caller's.
import type { ReactNode } from "react";

/** The first column stays in view while the rest scrolls sideways. */
export const STICKY = "sticky left-0 z-10";

export function ScrollRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    <section
      aria-label={label}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take focus to scroll by keyboard.
      tabIndex={0}
      className="overflow-x-auto rounded-xl border border-slate-200 focus-visible:outline-2 focus-visible:outline-brand-500 dark:border-slate-800"
    >
      {children}
    </section>
  );
}

export function DataTable({
  label,
  caption,
  captionVisible = false,
  columns,
  empty,
  children,
}: {
  /** Names the scrolling region: "Users" becomes "Users, scrollable". */
  label: string;
  caption: string;
  /** Shown above the table rather than only to screen readers. */
  captionVisible?: boolean;
  /** The header row's cells (ColumnHeader, or the caller's own <th scope="col">). */
  columns: ReactNode;
  /** Said under the header when there are no rows; null when there are. */
  empty?: string | null;
  /** One or more <TableBody>. */
  children: ReactNode;
}) {
  return (
    <ScrollRegion label={`${label}, scrollable`}>
      <table className="min-w-full text-sm">
        <caption className={captionVisible ? "px-3 py-2 text-left text-sm font-medium" : "sr-only"}>{caption}</caption>
        <thead className="border-b border-slate-200 bg-slate-50 text-slate-600 dark:border-slate-800 dark:bg-slate-900 dark:text-slate-300">
          <tr>{columns}</tr>
        </thead>
        {children}
      </table>
      {empty ? <p className="px-4 py-6 text-center text-sm text-slate-600 dark:text-slate-400">{empty}</p> : null}
    </ScrollRegion>
  );
}

export function TableBody({ children }: { children: ReactNode }) {
  return <tbody className="divide-y divide-slate-100 dark:divide-slate-800/70">{children}</tbody>;
}

export function ColumnHeader({
  children,
  numeric = false,
  sticky = false,
  className = "px-3 py-2",
}: {
  children: ReactNode;
  /** Right-aligned over right-aligned figures. */
  numeric?: boolean;
  sticky?: boolean;
  /** Padding and the like, when the table's cells are tighter than the default. */
  className?: string;
}) {
  return (
    <th
      scope="col"
      className={`${className} font-medium whitespace-nowrap ${numeric ? "text-right" : "text-left"} ${
        sticky ? `${STICKY} bg-slate-50 dark:bg-slate-900` : ""
      }`}
    >
      {children}
    </th>
  );
}

/** A row's heading cell; sticky ones get the row's background so figures scroll under them unseen. */
export function RowHeader({
  children,
  sticky = false,
  className = "px-3 py-2 whitespace-nowrap",
}: {
  children: ReactNode;
  sticky?: boolean;
  className?: string;
}) {
  return (
    <th
      scope="row"
      className={`${className} text-left font-normal ${sticky ? `${STICKY} bg-white dark:bg-slate-950` : ""}`}
    >
      {children}
    </th>
  );
}
