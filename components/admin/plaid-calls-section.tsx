// The last day of Plaid calls: per endpoint, volume, failures and latency; then the latest failures
// with the request id Plaid's support asks for, and the request or job of ours that made the call (what
// to search the logs for).

import { ColumnHeader, DataTable, RowHeader, TableBody } from "@/components/ui/data-table";
import type { PlaidCallFailure, PlaidEndpointStats } from "@/lib/admin/plaid-calls";
import type { Display } from "@/lib/format/display";
import { AdminSection } from "./admin-section";
import { formatCount, formatRate } from "./format";

const cell = "px-3 py-2 whitespace-nowrap";
const figure = `${cell} text-right tabular-nums`;

export function PlaidCallsSection({
  activity,
  display,
}: {
  activity: { endpoints: PlaidEndpointStats[]; failures: PlaidCallFailure[] };
  display: Display;
}) {
  return (
    <AdminSection
      headingId="plaid-calls-heading"
      title="Plaid calls, last 24 hours"
      description="Every call Mingus makes to Plaid is recorded with its endpoint, Plaid's request id and error code."
    >
      {activity.endpoints.length === 0 ? (
        <p className="rounded-xl border border-dashed border-slate-300 p-4 text-sm text-slate-600 dark:border-slate-700 dark:text-slate-400">
          No calls to Plaid in the last 24 hours.
        </p>
      ) : (
        <DataTable
          label="Plaid calls per endpoint"
          caption="Plaid calls per endpoint"
          columns={
            <>
              <ColumnHeader>Endpoint</ColumnHeader>
              {["Calls", "Failed", "Failure rate", "Median", "95th percentile"].map((label) => (
                <ColumnHeader key={label} numeric>
                  {label}
                </ColumnHeader>
              ))}
            </>
          }
        >
          <TableBody>
            {activity.endpoints.map((row) => (
              <tr key={row.endpoint}>
                <RowHeader className={`${cell} font-mono text-xs`}>{row.endpoint}</RowHeader>
                <td className={figure}>{formatCount(row.calls)}</td>
                <td className={`${figure} ${row.failed > 0 ? "text-red-700 dark:text-red-400" : ""}`}>
                  {formatCount(row.failed)}
                </td>
                <td className={figure}>{formatRate(row.failed / row.calls)}</td>
                <td className={figure}>{formatCount(row.medianMs)} ms</td>
                <td className={figure}>{formatCount(row.p95Ms)} ms</td>
              </tr>
            ))}
          </TableBody>
        </DataTable>
      )}
      {activity.failures.length > 0 ? (
        <DataTable
          label="Latest failed Plaid calls"
          caption="Latest failures"
          captionVisible
          columns={["When", "Endpoint", "Institution", "Error", "Request id", "Logged as"].map((label) => (
            <ColumnHeader key={label}>{label}</ColumnHeader>
          ))}
        >
          <TableBody>
            {activity.failures.map((failure) => (
              <tr key={failure.id}>
                <td className={cell}>{display.dateTime(failure.createdAt)}</td>
                <td className={`${cell} font-mono text-xs`}>{failure.endpoint}</td>
                <td className={cell}>{failure.institutionName ?? "Unlinked"}</td>
                <td className={cell}>
                  <span className="font-mono text-xs">{failure.errorCode}</span>
                  {failure.statusCode ? (
                    <span className="ml-1 text-xs text-slate-600 dark:text-slate-400">HTTP {failure.statusCode}</span>
                  ) : null}
                </td>
                <td className={`${cell} font-mono text-xs`}>{failure.requestId ?? "—"}</td>
                <td className={`${cell} font-mono text-xs`}>
                  {failure.appRequestId
                    ? `requestId ${failure.appRequestId}`
                    : failure.jobId
                      ? `jobId ${failure.jobId}`
                      : "—"}
                </td>
              </tr>
            ))}
          </TableBody>
        </DataTable>
      ) : null}
    </AdminSection>
  );
}
