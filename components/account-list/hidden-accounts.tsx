// Accounts the user hid: out of the totals and folded away behind a native disclosure, which needs no
// JavaScript and is keyboard operable as it is.
import type { DashboardAccount } from "@/lib/accounts/dashboard";
import type { Display } from "@/lib/format/display";
import { AccountRow } from "./account-row";

export function HiddenAccounts({ accounts, display }: { accounts: DashboardAccount[]; display: Display }) {
  if (accounts.length === 0) return null;
  return (
    <details className="group overflow-hidden rounded-xl border border-slate-200 dark:border-slate-800">
      <summary className="flex cursor-pointer list-none items-center gap-2 px-4 py-3 font-medium hover:bg-slate-50 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-brand-500 dark:hover:bg-slate-900/60 [&::-webkit-details-marker]:hidden">
        <svg
          aria-hidden="true"
          viewBox="0 0 20 20"
          fill="currentColor"
          className="size-4 text-slate-500 transition-transform group-open:rotate-90"
        >
          <path d="M7.2 4.2a.75.75 0 0 1 1.06 0l5.25 5.25a.75.75 0 0 1 0 1.06L8.26 15.8a.75.75 0 1 1-1.06-1.06L11.94 10 7.2 5.26a.75.75 0 0 1 0-1.06Z" />
        </svg>
        Hidden accounts{" "}
        <span className="rounded-full bg-slate-100 px-2 text-xs font-medium text-slate-600 dark:bg-slate-800 dark:text-slate-300">
          {accounts.length}
        </span>
      </summary>
      <p className="border-t border-slate-200 px-4 py-2 text-sm text-slate-600 dark:border-slate-800 dark:text-slate-400">
        Hidden accounts are not counted in your totals.
      </p>
      <ul className="divide-y divide-slate-100 border-t border-slate-200 dark:divide-slate-800/70 dark:border-slate-800">
        {accounts.map((account) => (
          <AccountRow key={account.id} account={account} display={display} showInstitution />
        ))}
      </ul>
    </details>
  );
}
