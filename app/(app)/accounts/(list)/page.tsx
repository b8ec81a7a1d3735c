// The dashboard: every linked bank with its accounts, and the totals over the accounts not hidden.
import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { SectionSkeleton } from "@/components/account-detail/section-skeleton";
import { EmptyState } from "@/components/account-list/empty-state";
import { HiddenAccounts } from "@/components/account-list/hidden-accounts";
import { InstitutionGroup } from "@/components/account-list/institution-group";
import { ManualGroup } from "@/components/account-list/manual-group";
import { Totals } from "@/components/account-list/totals";
import type { ConnectionActionSet } from "@/components/connections/actions";
import { LinkButton } from "@/components/connections/link-button";
import { NetWorthSection } from "@/components/net-worth/net-worth-section";
import { buttonClass } from "@/components/ui/button";
import { parseHistoryRange } from "@/lib/accounts/balances/ranges";
import { getDashboard } from "@/lib/accounts/dashboard";
import { requireUser } from "@/lib/auth/session";
import { getDisplay } from "@/lib/format/display";
import { getLinkEnvironment } from "@/lib/plaid/link-environment";
import {
  completeUpdateModeAction,
  createLinkTokenAction,
  exchangePublicTokenAction,
  institutionTroubleAction,
  unlinkConnectionAction,
} from "../plaid-actions";
import { syncNowAction } from "../sync-actions";

// What each bank's buttons do: this route group's server actions, handed down to the client buttons.
const ACTIONS: ConnectionActionSet = {
  link: {
    createLinkToken: createLinkTokenAction,
    exchangePublicToken: exchangePublicTokenAction,
    completeUpdateMode: completeUpdateModeAction,
    institutionTrouble: institutionTroubleAction,
  },
  syncNow: syncNowAction,
  unlink: unlinkConnectionAction,
};

export const metadata: Metadata = { title: "Accounts" };

export default async function AccountsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const [user, search] = await Promise.all([requireUser(), searchParams]);
  const range = parseHistoryRange(search.range);
  const [dashboard, display] = await Promise.all([getDashboard({ userId: user.id }), getDisplay({ userId: user.id })]);
  const linkEnvironment = getLinkEnvironment();
  const empty = dashboard.institutions.length === 0 && dashboard.manual.length === 0 && dashboard.hidden.length === 0;
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <h1 className="text-2xl font-semibold tracking-tight">Accounts</h1>
        {/* The empty state has its own, more prominent button. */}
        <div className="flex flex-wrap gap-2">
          {dashboard.manual.length > 0 ? null : (
            <Link href="/accounts/new" className={buttonClass({ variant: "secondary" })}>
              Add a manual account
            </Link>
          )}
          {empty ? null : (
            <LinkButton mode="create" label="Link a bank" environment={linkEnvironment} actions={ACTIONS.link} />
          )}
        </div>
      </div>
      {empty ? (
        <EmptyState linkEnvironment={linkEnvironment} actions={ACTIONS.link} />
      ) : (
        <>
          <Totals totals={dashboard.totals} display={display} />
          <Suspense key={range} fallback={<SectionSkeleton label="Loading net worth history…" />}>
            <NetWorthSection
              userId={user.id}
              range={range}
              displayCurrency={dashboard.totals.displayCurrency}
              display={display}
            />
          </Suspense>
          {dashboard.institutions.map((institution) => (
            <InstitutionGroup
              key={institution.connectionId}
              institution={institution}
              display={display}
              linkEnvironment={linkEnvironment}
              actions={ACTIONS}
            />
          ))}
          <ManualGroup accounts={dashboard.manual} display={display} />
          <HiddenAccounts accounts={dashboard.hidden} display={display} />
        </>
      )}
    </div>
  );
}
