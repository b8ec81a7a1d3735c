// One account in a list: its icon and name (linking to the account's page), what kind of account it is,
// and its balances. The whole row is clickable, but only the name is the link, so its accessible name
// stays short.
import Link from "next/link";
import { Fragment } from "react";
import { Badge } from "@/components/ui/badge";
import { LONG_NAME } from "@/components/ui/long-name";
import type { DashboardAccount } from "@/lib/accounts/dashboard";
import type { Display } from "@/lib/format/display";
import { AccountIcon } from "./account-icon";
import { CreditUsage } from "./credit-usage";
import { SyncedAt } from "./synced-at";

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
// Plaid sends subtypes in lower case; these read as acronyms.
const ACRONYMS = new Set(["cd", "ira", "hsa", "sep ira", "simple ira", "roth", "ugma", "utma"]);

export function AccountRow({
  account,
  display,
  showInstitution = false,
  showSyncedAt = true,
}: {
  account: DashboardAccount;
  display: Display;
  /** In a list that is not grouped by bank, each row names its own. */
  showInstitution?: boolean;
  /** Off when the row's bank already shows the same sync time above it. */
  showSyncedAt?: boolean;
}) {
  const subtype = account.subtype && account.subtype !== account.type ? account.subtype : null;
  const kind = [capitalize(account.type), subtype && (ACRONYMS.has(subtype) ? subtype.toUpperCase() : subtype)];
  const details = Object.entries({
    institution: showInstitution ? account.institutionName : null,
    name: account.displayName !== account.name ? account.name : null,
    kind: kind.filter(Boolean).join(" · "),
    mask: account.mask ? `•••• ${account.mask}` : null,
  }).filter((entry): entry is [string, string] => Boolean(entry[1]));

  return (
    <li className="relative grid grid-cols-[auto_minmax(0,1fr)_auto] items-start gap-x-3 px-4 py-3 transition-colors hover:bg-slate-50 sm:gap-x-4 dark:hover:bg-slate-900/60">
      <AccountIcon icon={account.icon} type={account.type} color={account.color} />
      <div className="min-w-0 space-y-0.5">
        <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
          <Link
            href={`/accounts/${account.id}`}
            title={account.displayName}
            className={`${LONG_NAME} font-medium outline-none after:absolute after:inset-0 after:rounded-sm hover:underline focus-visible:after:outline-2 focus-visible:after:-outline-offset-2 focus-visible:after:outline-brand-500`}
          >
            {account.displayName}
          </Link>
          {account.status === "error" ? <Badge tone="error">Error</Badge> : null}
          {account.status === "closed" ? <Badge tone="muted">Closed</Badge> : null}
          {account.manual ? <Badge tone="muted">Manual</Badge> : null}
        </div>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          {details.map(([key, detail], index) => (
            <Fragment key={key}>
              {index > 0 ? " · " : null}
              <span>{detail}</span>
            </Fragment>
          ))}
        </p>
        {showSyncedAt && !account.manual ? (
          <p className="text-xs text-slate-500 dark:text-slate-400">
            <SyncedAt value={account.lastSyncAt} display={display} />
          </p>
        ) : null}
      </div>
      <div className="max-w-44 space-y-0.5 text-right sm:max-w-none">
        <p className="font-semibold tabular-nums">
          <span className="sr-only">Current balance </span>
          {display.money(account.current, account.currency)}
        </p>
        {account.type === "credit" ? (
          <CreditUsage account={account} display={display} />
        ) : account.available !== null ? (
          <p className="text-xs text-slate-600 tabular-nums dark:text-slate-400">
            {display.money(account.available, account.currency)} available
          </p>
        ) : null}
      </div>
    </li>
  );
}
