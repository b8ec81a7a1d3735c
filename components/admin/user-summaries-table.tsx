// One row per user: accounts and institutions (the user_account_summary view), connections and their
// finished syncs. Users with the most failed syncs come first.

import { Badge } from "@/components/ui/badge";
import { ColumnHeader, DataTable, RowHeader, TableBody } from "@/components/ui/data-table";
import type { UserSummary } from "@/lib/admin/user-summaries";
import type { Display } from "@/lib/format/display";
import { AdminSection } from "./admin-section";
import { formatCount } from "./format";

export function UserSummariesTable({
  users,
  display,
}: {
  users: { rows: UserSummary[]; matching: number };
  display: Display;
}) {
  const figure = "px-3 py-2 whitespace-nowrap text-right tabular-nums";
  return (
    <AdminSection
      headingId="user-summaries-heading"
      title="Users"
      description={
        users.rows.length < users.matching
          ? `The ${formatCount(users.rows.length)} of ${formatCount(users.matching)} users with the most failed syncs; filter by email to find others.`
          : `${formatCount(users.matching)} users, most failed syncs first.`
      }
    >
      <DataTable
        label="Users"
        caption="User summaries"
        columns={
          <>
            <ColumnHeader>User</ColumnHeader>
            {["Accounts", "Institutions", "Connections", "Syncs", "Failed", "Net worth", "Last sync"].map((label) => (
              <ColumnHeader key={label} numeric>
                {label}
              </ColumnHeader>
            ))}
          </>
        }
        empty={users.rows.length === 0 ? "No users match." : null}
      >
        <TableBody>
          {users.rows.map((user) => (
            <tr key={user.userId}>
              <RowHeader>
                {user.email} {user.role === "admin" ? <Badge tone="info">Admin</Badge> : null}
              </RowHeader>
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
              <td className={figure}>
                {user.balances.length === 0
                  ? "—"
                  : user.balances.map(({ currency, amount }) => (
                      <span key={currency} className="block">
                        {display.money(amount, currency)}
                      </span>
                    ))}
              </td>
              <td className={figure}>{user.lastSyncAt ? display.dateTime(user.lastSyncAt) : "never"}</td>
            </tr>
          ))}
        </TableBody>
      </DataTable>
    </AdminSection>
  );
}
