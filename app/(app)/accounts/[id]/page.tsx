// One account: its heading and balances, balance history, transactions, details and sync history. Range,
// search and page live in the URL; another user's account, or a malformed id, is a 404.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { AccountHeader } from "@/components/account-detail/account-header";
import { BalanceHistory } from "@/components/account-detail/balance-history";
import { DetailsList } from "@/components/account-detail/details-list";
import { LiabilitySection } from "@/components/account-detail/liability-section";
import { type AccountPageState, accountPageHref } from "@/components/account-detail/page-href";
import { SectionSkeleton } from "@/components/account-detail/section-skeleton";
import { SyncHistorySection } from "@/components/account-detail/sync-history";
import { TransactionsSection } from "@/components/account-detail/transactions-section";
import { AccountSyncNow } from "@/components/sync/account-sync-now";
import { DEFAULT_HISTORY_RANGE, parseHistoryRange } from "@/lib/accounts/balances/history";
import { loadAccountDetail } from "@/lib/accounts/detail";
import { decodeCursor, readSearchQuery } from "@/lib/accounts/transactions/list";
import { requireUser } from "@/lib/auth/session";
import { getDisplay } from "@/lib/format/display";
import { syncNowAction } from "../sync-actions";

// No loading.tsx here on purpose: a Suspense boundary above notFound() makes Next.js send the 404 page
// with status 200 (vercel/next.js#76474). The account lookup is one indexed query; the slow sections
// stream in their own boundaries below.

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const user = await requireUser();
  const account = await loadAccountDetail(user.id, (await params).id);
  return { title: account?.displayName ?? "Account not found" };
}

export default async function AccountPage({ params, searchParams }: Props) {
  const [{ id }, search, user] = await Promise.all([params, searchParams, requireUser()]);
  const account = await loadAccountDetail(user.id, id);
  if (!account) notFound();
  const display = await getDisplay({ userId: user.id });

  const range = parseHistoryRange(first(search.range));
  // A search that cannot be run is said beside the box, and no search runs.
  const searched = readSearchQuery(first(search.q));
  const query = "query" in searched ? searched.query : "";
  const after = decodeCursor(first(search.after));
  const before = after ? null : decodeCursor(first(search.before));
  const showAllSyncs = first(search.syncs) === "all";
  // What every link on the page carries along; the default range stays out of the URL.
  const state: AccountPageState = {
    range: range === DEFAULT_HISTORY_RANGE ? undefined : range,
    q: query || undefined,
    after: after ? first(search.after) : undefined,
    before: before ? first(search.before) : undefined,
    syncs: showAllSyncs ? "all" : undefined,
  };
  const common = { userId: user.id, accountId: account.id, display };

  return (
    <div className="space-y-10">
      <AccountHeader
        account={account}
        display={display}
        syncNow={
          // A manual account has no bank to sync with.
          account.plaidConnectionId ? (
            <AccountSyncNow userId={user.id} connectionId={account.plaidConnectionId} action={syncNowAction} />
          ) : null
        }
      />
      <LiabilitySection account={account} display={display} />
      <Suspense fallback={<SectionSkeleton label="Loading balance history…" />}>
        <BalanceHistory {...common} color={account.color} range={range} state={state} />
      </Suspense>
      <Suspense fallback={<SectionSkeleton label="Loading transactions…" />}>
        <TransactionsSection
          {...common}
          query={query}
          searchError={"error" in searched ? searched.error : undefined}
          cursor={after ?? before}
          direction={before ? "newer" : "older"}
          state={state}
        />
      </Suspense>
      <div className="grid gap-10 lg:grid-cols-2">
        <DetailsList account={account} display={display} />
        {account.manual ? null : (
          <Suspense fallback={<SectionSkeleton label="Loading sync history…" />}>
            <SyncHistorySection
              {...common}
              showAll={showAllSyncs}
              showAllHref={accountPageHref(account.id, { ...state, syncs: "all" }, "sync-history")}
            />
          </Suspense>
        )}
      </div>
    </div>
  );
}
