// One linked bank: its logo and colour, its sync state as badges, Reconnect and Unlink, when its access
// ends or that it was revoked, and its visible accounts.
import { BankHealthWarnings, BankLastUpdated } from "@/components/connections/bank-health";
import { ConnectionActions } from "@/components/connections/connection-actions";
import { InstitutionMark } from "@/components/connections/institution-mark";
import { Badge } from "@/components/ui/badge";
import { AccessNotice } from "./access-notice";
import { AccountRow } from "./account-row";
import type { InstitutionGroupProps } from "./institution-props";
import { SyncedAt } from "./synced-at";

export function InstitutionGroup({ institution, display, linkEnvironment, actions }: InstitutionGroupProps) {
  const headingId = `institution-${institution.connectionId}`;
  return (
    <section
      aria-labelledby={headingId}
      className="overflow-hidden rounded-xl border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-slate-950"
    >
      <header
        // The institution's CHECK-constrained #RRGGBB colour marks the top edge of its card.
        style={{ borderTopColor: institution.primaryColor ?? undefined }}
        className="flex flex-wrap items-center gap-x-3 gap-y-2 border-t-4 border-b border-t-slate-300 border-b-slate-200 px-4 py-3 dark:border-t-slate-700 dark:border-b-slate-800"
      >
        <InstitutionMark
          institution={{ name: institution.name, logo: institution.logo, primary_color: institution.primaryColor }}
        />
        <div className="min-w-0 flex-1">
          <h2 id={headingId} className="font-semibold">
            {institution.name}
          </h2>
          <p className="text-xs text-slate-500 dark:text-slate-400">
            <SyncedAt value={institution.lastSyncAt} display={display} />
            {institution.health.lastUpdatedAt ? " · " : null}
            <BankLastUpdated health={institution.health} display={display} />
          </p>
        </div>
        <div className="flex flex-wrap gap-1.5">
          {institution.revokedBy ? (
            <Badge tone="warning">Access revoked</Badge>
          ) : institution.requiresReauth ? (
            <Badge tone="warning">Needs reconnect</Badge>
          ) : null}
          {institution.newAccountsAvailable ? <Badge tone="info">New accounts available</Badge> : null}
          {institution.syncing ? (
            <Badge tone="info" pulse>
              Syncing
            </Badge>
          ) : null}
          {institution.error ? <Badge tone="error">Sync error</Badge> : null}
        </div>
        {/* On a phone the bank's buttons go under its name rather than squeezing it. */}
        <div className="basis-full sm:basis-auto">
          <ConnectionActions
            connectionId={institution.connectionId}
            institutionName={institution.name}
            requiresReauth={institution.requiresReauth}
            newAccountsAvailable={institution.newAccountsAvailable}
            syncing={institution.syncing}
            environment={linkEnvironment}
            actions={actions}
          />
        </div>
        <div className="basis-full empty:hidden">
          <BankHealthWarnings health={institution.health} institutionName={institution.name} display={display} />
        </div>
      </header>
      <AccessNotice institution={institution} display={display} linkEnvironment={linkEnvironment} actions={actions} />
      {institution.accounts.length > 0 ? (
        <ul className="divide-y divide-slate-100 dark:divide-slate-800/70">
          {institution.accounts.map((account) => (
            <AccountRow
              key={account.id}
              account={account}
              display={display}
              showSyncedAt={account.lastSyncAt?.getTime() !== institution.lastSyncAt?.getTime()}
            />
          ))}
        </ul>
      ) : (
        <p className="px-4 py-3 text-sm text-slate-600 dark:text-slate-400">No visible accounts at this bank.</p>
      )}
    </section>
  );
}
