// Connection health: each connection's state, error counters, last error, maintenance window and
// schedule, with Retry, Pause and Resume. Worst first, as lib/admin/connection-health orders it.

import { Badge, type BadgeTone } from "@/components/ui/badge";
import { ColumnHeader, DataTable, RowHeader, TableBody } from "@/components/ui/data-table";
import {
  type ConnectionHealth,
  type ConnectionHealthPage,
  type HealthState,
  healthState,
} from "@/lib/admin/connection-health";
import type { AdminQuery } from "@/lib/admin/params";
import type { Display } from "@/lib/format/display";
import { AdminSection } from "./admin-section";
import { type ConnectionActionHandlers, ConnectionActions } from "./connection-actions";
import { formatCount } from "./format";
import { Pagination } from "./pagination";

const STATE: Record<HealthState, [BadgeTone, string]> = {
  inactive: ["muted", "Inactive"],
  reauth: ["warning", "Needs reconnecting"],
  paused: ["muted", "Paused"],
  failing: ["error", "Failing"],
  maintenance: ["info", "In maintenance"],
  healthy: ["ok", "Healthy"],
};

function Flags({ row, now, display }: { row: ConnectionHealth; now: Date; display: Display }) {
  const state = healthState(row, now);
  const [tone, label] = STATE[state];
  return (
    <div className="flex flex-wrap gap-1">
      <Badge tone={tone}>{label}</Badge>
      {state !== "paused" && row.pausedAt ? <Badge tone="muted">Paused</Badge> : null}
      {state !== "failing" && row.errorCount > 0 ? <Badge tone="error">Failing</Badge> : null}
      {state !== "maintenance" && row.maintenanceUntil && row.maintenanceUntil > now ? (
        <Badge tone="info">Maintenance</Badge>
      ) : null}
      {row.pausedAt ? (
        <span className="w-full text-xs text-slate-600 dark:text-slate-400">
          since {display.dateTime(row.pausedAt)}
        </span>
      ) : null}
    </div>
  );
}

export function ConnectionHealthTable({
  health,
  query,
  display,
  now,
  actions,
}: {
  health: ConnectionHealthPage;
  query: AdminQuery;
  display: Display;
  now: Date;
  /** The server actions, passed in by the page that owns them. */
  actions: ConnectionActionHandlers;
}) {
  const cell = "px-2.5 py-2 align-top";
  return (
    <AdminSection
      headingId="connection-health-heading"
      title="Connection health"
      description={
        <>
          Connections needing reconnection or failing come first. Retry queues a sync the sync engine runs at once;
          Pause stops scheduled syncs until Resume. {formatCount(health.matching)} connections match.
        </>
      }
    >
      <DataTable
        label="Connection health"
        caption="Connection health"
        columns={["Connection", "Status", "Errors", "Last error", "Maintenance", "Schedule", "Syncs", "Actions"].map(
          (label, index) => (
            <ColumnHeader key={label} sticky={index === 0} className="px-2.5 py-2">
              {label}
            </ColumnHeader>
          ),
        )}
        empty={health.rows.length === 0 ? "No connections match these filters." : null}
      >
        <TableBody>
          {health.rows.map((row) => (
            <tr key={row.connectionId}>
              <RowHeader sticky className={cell}>
                <span className="block min-w-40 font-medium">{row.institutionName}</span>
                <span className="block text-xs text-slate-600 dark:text-slate-400">{row.email}</span>
                <span className="block text-xs text-slate-600 dark:text-slate-400">
                  {formatCount(row.accounts)} {row.accounts === 1 ? "account" : "accounts"}, {row.syncFrequency}
                </span>
              </RowHeader>
              <td className={cell}>
                <Flags row={row} now={now} display={display} />
              </td>
              <td className={`${cell} tabular-nums whitespace-nowrap`}>
                {formatCount(row.errorCount)} {row.errorCount === 1 ? "error" : "errors"}
                <span className="block text-xs text-slate-600 dark:text-slate-400">
                  {formatCount(row.retryCount)} retries
                </span>
              </td>
              <td className={`${cell} min-w-48 max-w-64`}>
                {row.lastError ? (
                  <>
                    <span className="line-clamp-2 break-words" title={row.lastError}>
                      {row.lastError}
                    </span>
                    {row.lastErrorAt ? (
                      <span className="block text-xs text-slate-600 dark:text-slate-400">
                        {display.relative(row.lastErrorAt, now)}
                      </span>
                    ) : null}
                  </>
                ) : (
                  <span className="text-slate-500 dark:text-slate-400">None</span>
                )}
              </td>
              <td className={`${cell} whitespace-nowrap`}>
                {row.maintenanceUntil && row.maintenanceUntil > now
                  ? `until ${display.dateTime(row.maintenanceUntil)}`
                  : "—"}
              </td>
              <td className={`${cell} whitespace-nowrap`}>
                <span className="block">Last {row.lastSyncAt ? display.relative(row.lastSyncAt, now) : "never"}</span>
                <span className="block text-xs text-slate-600 dark:text-slate-400">
                  Next {row.nextSyncAt ? display.dateTime(row.nextSyncAt) : "not scheduled"}
                </span>
              </td>
              <td className={`${cell} tabular-nums whitespace-nowrap`}>
                {formatCount(row.totalSyncs)} finished
                <span className="block text-xs text-slate-600 dark:text-slate-400">
                  {formatCount(row.failedSyncs)} failed, {formatCount(row.queued)} queued
                </span>
              </td>
              <td className={cell}>
                <ConnectionActions
                  connectionId={row.connectionId}
                  name={`${row.institutionName} for ${row.email}`}
                  paused={row.pausedAt !== null}
                  actions={actions}
                />
              </td>
            </tr>
          ))}
        </TableBody>
      </DataTable>
      <Pagination label="Connection health pages" query={query} pageKey="healthPage" pageCount={health.pageCount} />
    </AdminSection>
  );
}
