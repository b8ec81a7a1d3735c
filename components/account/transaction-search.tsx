// The transaction search: a GET form, so the search is in the URL and works without JavaScript
// (next/form turns it into a client-side navigation when JavaScript is there).
import Form from "next/form";
import Link from "next/link";

export function TransactionSearch({
  action,
  query,
  range,
  clearHref,
}: {
  action: string;
  query: string;
  range: string | undefined;
  clearHref: string;
}) {
  return (
    <Form action={action} scroll={false} role="search" className="flex flex-wrap items-end gap-2">
      <div className="min-w-0 flex-1 space-y-1">
        <label htmlFor="transaction-search" className="block text-sm font-medium">
          Search transactions
        </label>
        {/* Keyed by the search: after "Clear search" navigates, the box must show the new (empty) query. */}
        <input
          key={query}
          id="transaction-search"
          name="q"
          type="search"
          defaultValue={query}
          maxLength={100}
          placeholder="Name or merchant"
          className="block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-brand-500 focus:outline-2 focus:outline-brand-500 dark:border-slate-700 dark:bg-slate-900"
        />
      </div>
      {/* A new search starts at the first page but keeps the chart's range. */}
      {range ? <input type="hidden" name="range" value={range} /> : null}
      <button
        type="submit"
        className="rounded-lg bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500"
      >
        Search
      </button>
      {query ? (
        <Link
          href={clearHref}
          scroll={false}
          className="rounded-lg px-3 py-2 text-sm font-medium text-slate-600 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-brand-500 dark:text-slate-400 dark:hover:bg-slate-900"
        >
          Clear search
        </Link>
      ) : null}
    </Form>
  );
}
