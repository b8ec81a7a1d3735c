// The top of the account page: name (alias first) with its icon and colour, where it is held, and its
// current and available balances, with "Sync now" for its bank and the way to its settings.
import Link from "next/link";
import { AccountIcon } from "@/components/account-list/account-icon";
import { BankHealthWarnings, BankLastUpdated } from "@/components/connections/bank-health";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { LONG_NAME } from "@/components/ui/long-name";
import type { AccountDetail } from "@/lib/accounts/detail";
import type { Display } from "@/lib/format/display";
import { humanize } from "./labels";

export function AccountHeader({
  account,
  display,
  syncNow,
}: {
  account: AccountDetail;
  display: Display;
  /** The bank's "Sync now" (components/sync/account-sync-now.tsx), beside Settings. */
  syncNow?: React.ReactNode;
}) {
  const kind = [humanize(account.subtype), humanize(account.type)].filter(Boolean);
  const facts = [
    account.institutionName,
    account.mask ? `••••\u00a0${account.mask}` : null,
    kind[0] && kind[0] !== kind[1] ? kind.join(" · ") : kind[0],
  ].filter(Boolean);
  return (
    <header className="space-y-5">
      <div className="flex flex-wrap items-start gap-4">
        <AccountIcon icon={account.icon} type={account.type} color={account.color} size="lg" />
        <div className="min-w-0 flex-1 space-y-1">
          <h1 title={account.displayName} className={`${LONG_NAME} text-2xl font-semibold tracking-tight`}>
            {account.displayName}
          </h1>
          {account.displayName !== account.name ? (
            <p className="text-sm text-slate-600 dark:text-slate-400">{account.name}</p>
          ) : null}
          <p className="text-sm text-slate-600 dark:text-slate-400">{facts.join(" · ")}</p>
          {account.bankHealth.lastUpdatedAt ? (
            <p className="text-sm text-slate-600 dark:text-slate-400">
              <BankLastUpdated health={account.bankHealth} display={display} />
            </p>
          ) : null}
          <BankHealthWarnings health={account.bankHealth} institutionName={account.institutionName} display={display} />
          {account.manual ? <Badge tone="muted">Manual</Badge> : null}
          {account.hidden ? (
            <p className="text-sm text-amber-700 dark:text-amber-400">Hidden from your accounts list.</p>
          ) : null}
        </div>
        {/* On a phone the buttons take a line of their own, leaving the name the width it needs. */}
        <div className="flex basis-full flex-wrap items-start gap-2 sm:basis-auto">
          {syncNow}
          {account.manual ? <ManualAccountLinks accountId={account.id} /> : null}
          <Link href={`/accounts/${account.id}/settings`} className={buttonClass({ variant: "secondary", size: "sm" })}>
            Settings
          </Link>
        </div>
      </div>
      <dl className="grid grid-cols-2 gap-3 sm:max-w-md">
        <Balance label="Current balance" value={display.money(account.current, account.currency)} />
        <Balance label="Available balance" value={display.money(account.available, account.currency)} />
      </dl>
    </header>
  );
}

// A manual account is changed by hand: its balance, its details, its statements. No sync, no reconnect.
function ManualAccountLinks({ accountId }: { accountId: string }) {
  const links = [
    ["Update balance", `/accounts/${accountId}/manage#update-balance`],
    ["Edit", `/accounts/${accountId}/manage`],
    ["Import statement", `/accounts/${accountId}/import`],
  ];
  return links.map(([label, href]) => (
    <Link key={label} href={href as string} className={buttonClass({ variant: "secondary", size: "sm" })}>
      {label}
    </Link>
  ));
}

function Balance({ label, value }: { label: string; value: string }) {
  return (
    <div className="rounded-xl border border-slate-200 px-4 py-3 dark:border-slate-800">
      <dt className="text-xs font-medium text-slate-600 uppercase dark:text-slate-400">{label}</dt>
      <dd className="mt-1 text-xl font-semibold tabular-nums">{value}</dd>
    </div>
  );
}
