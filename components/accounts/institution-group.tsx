// One linked bank: its logo and colour, its sync state as badges, Reconnect and Unlink, and its visible
// accounts.
import { ConnectionActions } from "@/components/plaid/connection-actions";
import type { DashboardInstitution } from "@/lib/accounts/dashboard";
import type { Display } from "@/lib/format/display";
import type { LinkEnvironment } from "@/lib/plaid/link-environment";
import { AccountRow } from "./account-row";
import { StatusBadge } from "./status-badge";
import { SyncedAt } from "./synced-at";

// Plaid sends logos as base64 PNG; anything else is not put into a data: URL.
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

export function InstitutionGroup({
  institution,
  display,
  linkEnvironment,
}: {
  institution: DashboardInstitution;
  display: Display;
  /** How Reconnect opens Link (Plaid's, or the emulator's stand-in). */
  linkEnvironment: LinkEnvironment;
}) {
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
        <InstitutionLogo institution={institution} />
        <div className="min-w-0 flex-1">
          <h2 id={headingId} className="font-semibold">
            {institution.name}
          </h2>
          <p className="text-xs text-slate-500 dark:text-slate-400">
            <SyncedAt value={institution.lastSyncAt} display={display} />
          </p>
        </div>
        <div className="flex flex-wrap gap-1.5">
          {institution.requiresReauth ? <StatusBadge tone="warning">Needs reconnect</StatusBadge> : null}
          {institution.syncing ? <StatusBadge tone="info">Syncing</StatusBadge> : null}
          {institution.error ? <StatusBadge tone="error">Sync error</StatusBadge> : null}
        </div>
        <ConnectionActions
          connectionId={institution.connectionId}
          institutionName={institution.name}
          requiresReauth={institution.requiresReauth}
          syncing={institution.syncing}
          environment={linkEnvironment}
        />
      </header>
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

function InstitutionLogo({ institution }: { institution: DashboardInstitution }) {
  if (institution.logo && BASE64.test(institution.logo)) {
    return (
      // biome-ignore lint/performance/noImgElement: a small inline data: URL gains nothing from next/image.
      <img src={`data:image/png;base64,${institution.logo}`} alt="" className="size-9 shrink-0 rounded-lg" />
    );
  }
  return (
    <span
      aria-hidden="true"
      style={{ backgroundColor: institution.primaryColor ?? undefined }}
      className="grid size-9 shrink-0 place-items-center rounded-lg bg-slate-500 font-semibold text-white"
    >
      {institution.name.charAt(0).toUpperCase()}
    </span>
  );
}
