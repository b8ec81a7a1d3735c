// The transactions section: search, one keyset page, newer/older links and the CSV. Loads its own page
// of rows, so the account page streams it in its own Suspense boundary.
import { notFound } from "next/navigation";
import {
  encodeCursor,
  listTransactions,
  type PageDirection,
  type TransactionCursor,
} from "@/lib/accounts/transactions/list";
import type { Display } from "@/lib/format/display";
import { DownloadLink } from "./download-link";
import { type AccountPageState, accountPageHref } from "./page-href";
import { Pager } from "./pager";
import { TransactionSearch } from "./transaction-search";
import { TransactionsTable } from "./transactions-table";

const count = new Intl.NumberFormat("en-US");

export async function TransactionsSection({
  userId,
  accountId,
  query,
  searchError,
  cursor,
  direction,
  state,
  display,
}: {
  userId: string;
  accountId: string;
  query: string;
  /** Why the search in the URL could not be run (shown at the box). */
  searchError?: string;
  cursor: TransactionCursor | null;
  direction: PageDirection;
  state: AccountPageState;
  display: Display;
}) {
  const page = await listTransactions({ userId, accountId, query, cursor, direction });
  if (!page) notFound();
  const base = { range: state.range, q: query || undefined, syncs: state.syncs };
  const href = (extra: AccountPageState) => accountPageHref(accountId, { ...base, ...extra }, "transactions");
  const csv = `/accounts/${accountId}/transactions.csv${query ? `?${new URLSearchParams({ q: query })}` : ""}`;
  const noun = page.total === 1 ? "transaction" : "transactions";
  const total = `${count.format(page.total)}${page.totalIsCapped ? "+" : ""}`;
  return (
    <section aria-labelledby="transactions" className="space-y-4">
      <h2 id="transactions" className="scroll-mt-4 text-lg font-semibold">
        Transactions
      </h2>
      <TransactionSearch
        action={`/accounts/${accountId}`}
        query={query}
        error={searchError}
        range={state.range}
        clearHref={accountPageHref(accountId, { range: state.range, syncs: state.syncs }, "transactions")}
      />
      <p aria-live="polite" className="text-sm text-slate-600 dark:text-slate-400">
        {query ? `${total} ${noun} matching “${query}”` : `${total} ${noun}`}
      </p>
      {page.transactions.length > 0 ? (
        <TransactionsTable transactions={page.transactions} display={display} />
      ) : (
        <p className="rounded-xl border border-dashed border-slate-300 px-4 py-8 text-center text-sm text-slate-600 dark:border-slate-700 dark:text-slate-400">
          {query ? "No transactions match this search." : "No transactions yet."}
        </p>
      )}
      <Pager
        newerHref={page.newer ? href({ before: encodeCursor(page.newer) }) : null}
        olderHref={page.older ? href({ after: encodeCursor(page.older) }) : null}
      />
      <DownloadLink href={csv}>
        {query ? "Download matching transactions (CSV)" : "Download transactions (CSV)"}
      </DownloadLink>
    </section>
  );
}
