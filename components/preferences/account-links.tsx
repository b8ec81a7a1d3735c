// From /settings to each account's own settings: alias first, the bank's name and mask beside it.
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { LONG_NAME } from "@/components/ui/long-name";
import type { AccountLink } from "@/lib/preferences/load";

export function AccountLinks({ accounts }: { accounts: AccountLink[] }) {
  return (
    <nav aria-labelledby="account-links-heading" className="space-y-3">
      <h2 id="account-links-heading" className="text-base font-semibold">
        Account settings
      </h2>
      {accounts.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">No accounts yet. Link a bank to set them up.</p>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-xl border border-slate-200 dark:divide-slate-800 dark:border-slate-800">
          {accounts.map((account) => (
            <li key={account.id}>
              <Link
                href={`/accounts/${account.id}/settings`}
                className="flex flex-col gap-0.5 px-4 py-2.5 text-sm hover:bg-slate-50 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-brand-500 dark:hover:bg-slate-900"
              >
                <span className="flex flex-wrap items-center gap-x-2 gap-y-1">
                  <span
                    title={account.alias ?? account.name}
                    className={`${LONG_NAME} font-medium text-brand-700 dark:text-brand-100`}
                  >
                    {account.alias ?? account.name}
                  </span>
                  {account.hidden ? <Badge tone="muted">Hidden</Badge> : null}
                </span>
                <span className="text-xs text-slate-600 dark:text-slate-400">
                  {account.alias ? `${account.name} · ` : ""}
                  {account.institutionName}
                  {account.mask ? ` · •••• ${account.mask}` : ""}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </nav>
  );
}
