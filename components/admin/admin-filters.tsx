// The admin filters: a plain GET form, so a filtered view is an address to share and works without
// JavaScript. The sort and chart range ride along; the pages start again at 1.
import Link from "next/link";
import {
  type AdminQuery,
  adminHref,
  DEFAULT_QUERY,
  defaultDirection,
  STATUS_FILTERS,
  type StatusFilter,
} from "@/lib/admin/params";

const STATUS_LABELS: Record<StatusFilter, string> = {
  all: "Any status",
  attention: "Needs attention",
  reauth: "Needs reconnecting",
  failing: "Failing",
  paused: "Paused",
  maintenance: "In maintenance",
  healthy: "Healthy",
};

const INPUT =
  "block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-brand-500 focus:outline-2 focus:outline-brand-500 dark:border-slate-700 dark:bg-slate-900";

export function AdminFilters({ query }: { query: AdminQuery }) {
  const filtered = query.institution !== "" || query.user !== "" || query.status !== "all";
  return (
    <form
      action="/admin"
      method="get"
      aria-label="Filter connections"
      className="grid gap-3 rounded-xl border border-slate-200 p-4 sm:grid-cols-2 lg:grid-cols-[1fr_1fr_12rem_auto] lg:items-end dark:border-slate-800"
    >
      <div className="space-y-1">
        <label htmlFor="filter-institution" className="block text-sm font-medium">
          Institution
        </label>
        <input id="filter-institution" name="institution" defaultValue={query.institution} className={INPUT} />
      </div>
      <div className="space-y-1">
        <label htmlFor="filter-user" className="block text-sm font-medium">
          User email
        </label>
        <input id="filter-user" name="user" defaultValue={query.user} className={INPUT} />
      </div>
      <div className="space-y-1">
        <label htmlFor="filter-status" className="block text-sm font-medium">
          Status
        </label>
        <select id="filter-status" name="status" defaultValue={query.status} className={INPUT}>
          {STATUS_FILTERS.map((status) => (
            <option key={status} value={status}>
              {STATUS_LABELS[status]}
            </option>
          ))}
        </select>
      </div>
      {query.sort !== DEFAULT_QUERY.sort ? <input type="hidden" name="sort" value={query.sort} /> : null}
      {query.dir !== defaultDirection(query.sort) ? <input type="hidden" name="dir" value={query.dir} /> : null}
      {query.range !== DEFAULT_QUERY.range ? <input type="hidden" name="range" value={query.range} /> : null}
      <div className="flex items-center gap-3 sm:col-span-2 lg:col-span-1">
        <button
          type="submit"
          className="rounded-lg bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500"
        >
          Apply filters
        </button>
        {filtered ? (
          <Link
            href={adminHref(query, { institution: "", user: "", status: "all" })}
            className="text-sm text-brand-600 underline underline-offset-4 hover:text-brand-700 dark:text-brand-100"
          >
            Clear filters
          </Link>
        ) : null}
      </div>
      <p className="text-xs text-slate-600 sm:col-span-2 lg:col-span-4 dark:text-slate-400">
        Institution and status narrow the statistics and health tables; user email narrows all three tables. Headline
        figures and charts cover every connection.
      </p>
    </form>
  );
}
