// One row per user: accounts and institutions (the user_account_summary view), connections and their
// finished syncs. Users with the most failed syncs come first.
import type { UserSummary } from "@/lib/admin/user-summaries";
import type { Display } from "@/lib/format/display";
import { Badge } from "./badge";
import { formatCount } from "./format";
import { ScrollRegion } from "./scroll-region";

export function UserSummariesTable({
  users,
  display,
}: {
  users: { rows: UserSummary[]; matching: number };
  display: Display;
}) {
  const cell = "px-3 py-2 whitespace-nowrap";
  const figure = `${cell} text-right tabular-nums`;
  return (
    <section aria-labelledby="user-summaries-heading" className="space-y-3">
      <div>
        <h2 id="user-summaries-heading" className="text-lg font-semibold">
          Users
        </h2>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          {users.rows.length < users.matching
            ? `The ${formatCount(users.rows.length)} of ${formatCount(users.matching)} users with the most failed syncs; filter by email to find others.`
            : `${formatCount(users.matching)} users, most failed syncs first.`}
        </p>
      </div>
      <ScrollRegion label="Users, scrollable">
        <table className="min-w-full text-sm">
          <caption className="sr-only">User summaries</caption>
          <thead className="border-b border-slate-200 bg-slate-50 text-slate-600 dark:border-slate-800 dark:bg-slate-900 dark:text-slate-300">
            <tr>
              <th scope="col" className={`${cell} text-left font-medium`}>
                User
              </th>
              {["Accounts", "Institutions", "Connections", "Syncs", "Failed", "Net worth", "Last sync"].map((label) => (
                <th key={label} scope="col" className={`${cell} text-right font-medium`}>
                  {label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 dark:divide-slate-800/70">
            {users.rows.map((user) => (
              <tr key={user.userId}>
                <th scope="row" className={`${cell} text-left font-normal`}>
                  {user.email} {user.role === "admin" ? <Badge tone="info">Admin</Badge> : null}
                </th>
                <td className={figure}>
                  {formatCount(user.totalAccounts)}
                  {user.errorAccounts > 0 ? (
                    <span className="block text-xs text-red-700 dark:text-red-400">
                      {formatCount(user.errorAccounts)} in error
                    </span>
                  ) : null}
                </td>
                <td className={figure}>{formatCount(user.uniqueInstitutions)}</td>
                <td className={figure}>
                  {formatCount(user.connections)}
                  {user.connectionsNeedingAttention > 0 ? (
                    <span className="block text-xs text-amber-700 dark:text-amber-300">
                      {formatCount(user.connectionsNeedingAttention)} need attention
                    </span>
                  ) : null}
                </td>
                <td className={figure}>{formatCount(user.totalSyncs)}</td>
                <td className={`${figure} ${user.failedSyncs > 0 ? "text-red-700 dark:text-red-400" : ""}`}>
                  {formatCount(user.failedSyncs)}
                </td>
                <td className={figure}>{display.money(user.totalBalance)}</td>
                <td className={figure}>{user.lastSyncAt ? display.dateTime(user.lastSyncAt) : "never"}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {users.rows.length === 0 ? (
          <p className="px-4 py-6 text-center text-sm text-slate-600 dark:text-slate-400">No users match.</p>
        ) : null}
      </ScrollRegion>
    </section>
  );
}
