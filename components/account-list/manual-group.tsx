// The accounts a person added by hand, in a group of their own: no bank, no sync, each with its
// "Manual" badge, and the way to add another.
import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import type { DashboardAccount } from "@/lib/accounts/dashboard";
import type { Display } from "@/lib/format/display";
import { AccountRow } from "./account-row";

export function ManualGroup({ accounts, display }: { accounts: DashboardAccount[]; display: Display }) {
  if (accounts.length === 0) return null;
  return (
    <section
      aria-labelledby="manual-accounts"
      className="overflow-hidden rounded-xl border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-slate-950"
    >
      <header className="flex flex-wrap items-center gap-x-3 gap-y-2 border-t-4 border-b border-t-slate-300 border-b-slate-200 px-4 py-3 dark:border-t-slate-700 dark:border-b-slate-800">
        <div className="min-w-0 flex-1">
          <h2 id="manual-accounts" className="font-semibold">
            Manual accounts
          </h2>
          <p className="text-xs text-slate-500 dark:text-slate-400">
            Added by hand; their balances change when you update them.
          </p>
        </div>
        <Link href="/accounts/new" className={buttonClass({ variant: "secondary", size: "sm" })}>
          Add a manual account
        </Link>
      </header>
      <ul className="divide-y divide-slate-100 dark:divide-slate-800/70">
        {accounts.map((account) => (
          <AccountRow key={account.id} account={account} display={display} showSyncedAt={false} />
        ))}
      </ul>
    </section>
  );
}
