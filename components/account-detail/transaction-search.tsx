// The transaction search: a GET form, so the search is in the URL and works without JavaScript
// (next/form turns it into a client-side navigation when JavaScript is there).
import Form from "next/form";
import Link from "next/link";
import { Button, buttonClass } from "@/components/ui/button";
import { Field, INPUT_CLASS } from "@/components/ui/field";

export function TransactionSearch({
  action,
  query,
  error,
  range,
  clearHref,
}: {
  action: string;
  query: string;
  /** Why the last search could not be run. */
  error?: string;
  range: string | undefined;
  clearHref: string;
}) {
  return (
    <Form action={action} scroll={false} role="search" className="flex flex-wrap items-end gap-2">
      <div className="min-w-0 flex-1">
        <Field
          id="transaction-search"
          label="Search transactions"
          validated={Boolean(error)}
          errors={error ? [error] : undefined}
        >
          {(control) => (
            // Keyed by the search: after "Clear search" navigates, the box must show the new (empty) query.
            <input
              key={query}
              {...control}
              name="q"
              type="search"
              defaultValue={query}
              maxLength={100}
              placeholder="Name or merchant"
              className={INPUT_CLASS}
            />
          )}
        </Field>
      </div>
      {/* A new search starts at the first page but keeps the chart's range. */}
      {range ? <input type="hidden" name="range" value={range} /> : null}
      <Button type="submit">Search</Button>
      {query || error ? (
        <Link href={clearHref} scroll={false} className={buttonClass({ variant: "quiet" })}>
          Clear search
        </Link>
      ) : null}
    </Form>
  );
}
