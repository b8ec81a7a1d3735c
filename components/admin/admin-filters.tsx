// The admin filters: a plain GET form, so a filtered view is an address to share and works without
// JavaScript. The sort and chart range ride along; the pages start again at 1.
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { Field, INPUT_CLASS, TextField } from "@/components/ui/field";
import { STANDALONE_LINK } from "@/components/ui/text-link";
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

export function AdminFilters({ query }: { query: AdminQuery }) {
  const filtered = query.institution !== "" || query.user !== "" || query.status !== "all";
  return (
    <form
      action="/admin"
      method="get"
      aria-label="Filter connections"
      className="grid gap-3 rounded-xl border border-slate-200 p-4 sm:grid-cols-2 lg:grid-cols-[1fr_1fr_12rem_auto] lg:items-end dark:border-slate-800"
    >
      <TextField
        id="filter-institution"
        label="Institution"
        name="institution"
        defaultValue={query.institution}
        validated={false}
      />
      <TextField id="filter-user" label="User email" name="user" defaultValue={query.user} validated={false} />
      <Field id="filter-status" label="Status" validated={false}>
        {(control) => (
          <select {...control} name="status" defaultValue={query.status} className={INPUT_CLASS}>
            {STATUS_FILTERS.map((status) => (
              <option key={status} value={status}>
                {STATUS_LABELS[status]}
              </option>
            ))}
          </select>
        )}
      </Field>
      {query.sort !== DEFAULT_QUERY.sort ? <input type="hidden" name="sort" value={query.sort} /> : null}
      {query.dir !== defaultDirection(query.sort) ? <input type="hidden" name="dir" value={query.dir} /> : null}
      {query.range !== DEFAULT_QUERY.range ? <input type="hidden" name="range" value={query.range} /> : null}
      <div className="flex items-center gap-3 sm:col-span-2 lg:col-span-1">
        <Button type="submit">Apply filters</Button>
        {filtered ? (
          <Link
            href={adminHref(query, { institution: "", user: "", status: "all" })}
            className={`${STANDALONE_LINK} text-sm`}
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
