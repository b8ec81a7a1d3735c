// Sync statistics per account, grouped under a roll-up row per institution, sortable by any column
// through links. The table scrolls sideways on narrow screens rather than squeezing its figures.

import { DataTable, RowHeader, STICKY, TableBody } from "@/components/ui/data-table";
import type { AdminQuery, SortKey } from "@/lib/admin/params";
import type { AccountSyncStats, SyncFigures, SyncStatistics } from "@/lib/admin/sync-stats";
import type { Display } from "@/lib/format/display";
import { AdminSection } from "./admin-section";
import { formatCount, formatRate, formatSeconds } from "./format";
import { Pagination } from "./pagination";
import { SortHeader } from "./sort-header";

const FIGURES: [SortKey, string][] = [
  ["total", "Syncs"],
  ["successful", "Successful"],
  ["failed", "Failed"],
  ["successRate", "Success rate"],
  ["avgDuration", "Avg duration"],
  ["recordsProcessed", "Records processed"],
  ["recordsFailed", "Records failed"],
  ["lastSync", "Last success"],
];

function FigureCells({ row, display, now }: { row: SyncFigures; display: Display; now: Date }) {
  const cell = "px-2.5 py-2 text-right tabular-nums whitespace-nowrap";
  return (
    <>
      <td className={cell}>{formatCount(row.total)}</td>
      <td className={cell}>{formatCount(row.successful)}</td>
      <td className={`${cell} ${row.failed > 0 ? "text-red-700 dark:text-red-400" : ""}`}>{formatCount(row.failed)}</td>
      <td className={cell}>{formatRate(row.successRate)}</td>
      <td className={cell}>{formatSeconds(row.avgDuration)}</td>
      <td className={cell}>{formatCount(row.recordsProcessed)}</td>
      <td className={cell}>{formatCount(row.recordsFailed)}</td>
      <td className={cell}>
        {row.lastSuccessAt ? (
          <time dateTime={row.lastSuccessAt.toISOString()} title={display.dateTime(row.lastSuccessAt)}>
            {display.relative(row.lastSuccessAt, now)}
          </time>
        ) : (
          "never"
        )}
      </td>
    </>
  );
}

export function SyncStatisticsTable({
  statistics,
  query,
  display,
  now,
}: {
  statistics: SyncStatistics;
  query: AdminQuery;
  display: Display;
  now: Date;
}) {
  const institutions = new Map(statistics.institutions.map((row) => [row.institutionId, row]));
  const groups: { institutionId: string; accounts: AccountSyncStats[] }[] = [];
  for (const account of statistics.accounts) {
    const last = groups.at(-1);
    if (last?.institutionId === account.institutionId) last.accounts.push(account);
    else groups.push({ institutionId: account.institutionId, accounts: [account] });
  }
  return (
    <AdminSection
      headingId="sync-statistics-heading"
      title="Sync statistics"
      description={
        <>
          Finished syncs per account. A connection-wide sync counts for every account of its connection; the institution
          rows count each sync once. {formatCount(statistics.matching)} accounts match.
        </>
      }
    >
      <DataTable
        label="Sync statistics"
        caption="Sync statistics per account, grouped by institution"
        columns={
          <>
            <SortHeader query={query} sort="account" sticky>
              Account
            </SortHeader>
            {FIGURES.map(([key, label]) => (
              <SortHeader key={key} query={query} sort={key} numeric>
                {label}
              </SortHeader>
            ))}
          </>
        }
        empty={groups.length === 0 ? "No accounts match these filters." : null}
      >
        {groups.map((group) => {
          const institution = institutions.get(group.institutionId);
          return (
            <TableBody key={group.institutionId}>
              {institution ? (
                <tr className="bg-slate-50/70 font-medium dark:bg-slate-900/50">
                  <th scope="rowgroup" className={`${STICKY} bg-slate-50 px-3 py-2 text-left dark:bg-slate-900`}>
                    {institution.institutionName}
                    <span className="block text-xs font-normal text-slate-600 dark:text-slate-400">
                      {formatCount(institution.connections)}{" "}
                      {institution.connections === 1 ? "connection" : "connections"}, each sync once
                    </span>
                  </th>
                  <FigureCells row={institution} display={display} now={now} />
                </tr>
              ) : null}
              {group.accounts.map((account) => (
                <tr key={account.accountId}>
                  <RowHeader sticky className="py-2 pr-3 pl-6 whitespace-nowrap">
                    {account.accountName}
                    {account.mask ? (
                      <span className="ml-1 text-slate-500 dark:text-slate-400">••{account.mask}</span>
                    ) : null}
                    <span className="block text-xs text-slate-600 dark:text-slate-400">{account.email}</span>
                  </RowHeader>
                  <FigureCells row={account} display={display} now={now} />
                </tr>
              ))}
            </TableBody>
          );
        })}
      </DataTable>
      <Pagination label="Sync statistics pages" query={query} pageKey="page" pageCount={statistics.pageCount} />
    </AdminSection>
  );
}
