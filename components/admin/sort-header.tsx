// A sortable column header: a link to the same view sorted by this column, announcing the current
// order through aria-sort on the header cell.
import Link from "next/link";
import { STICKY } from "@/components/ui/data-table";
import { type AdminQuery, type SortKey, sortHref } from "@/lib/admin/params";

export function SortHeader({
  query,
  sort,
  children,
  numeric = false,
  sticky = false,
}: {
  query: AdminQuery;
  sort: SortKey;
  children: React.ReactNode;
  numeric?: boolean;
  /** Stays in view while the table scrolls sideways. */
  sticky?: boolean;
}) {
  const active = query.sort === sort;
  const arrow = active ? (query.dir === "asc" ? "↑" : "↓") : "";
  return (
    <th
      scope="col"
      aria-sort={active ? (query.dir === "asc" ? "ascending" : "descending") : undefined}
      // Figure headings may wrap onto two lines: the figures under them are narrower than their names.
      className={`px-2.5 py-2 align-bottom font-medium ${numeric ? "text-right" : "text-left whitespace-nowrap"} ${
        sticky ? `${STICKY} bg-slate-50 dark:bg-slate-900` : ""
      }`}
    >
      <Link
        href={sortHref(query, sort)}
        scroll={false}
        className="inline-flex min-h-6 items-end gap-1 rounded hover:text-brand-600 focus-visible:outline-2 focus-visible:outline-brand-500 dark:hover:text-brand-100"
      >
        {children}
        <span aria-hidden="true" className="w-3">
          {arrow}
        </span>
      </Link>
    </th>
  );
}
