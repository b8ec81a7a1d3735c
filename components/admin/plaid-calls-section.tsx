// The last day of Plaid calls: per endpoint, volume, failures and latency; then the latest failures
// with the request id Plaid's support asks for.
import type { PlaidCallFailure, PlaidEndpointStats } from "@/lib/admin/plaid-calls";
import type { Display } from "@/lib/format/display";
import { formatCount, formatRate } from "./format";
import { ScrollRegion } from "./scroll-region";

const cell = "px-3 py-2 whitespace-nowrap";
const figure = `${cell} text-right tabular-nums`;
const head =
  "border-b border-slate-200 bg-slate-50 text-slate-600 dark:border-slate-800 dark:bg-slate-900 dark:text-slate-300";

export function PlaidCallsSection({
  activity,
  display,
}: {
  activity: { endpoints: PlaidEndpointStats[]; failures: PlaidCallFailure[] };
  display: Display;
}) {
  return (
    <section aria-labelledby="plaid-calls-heading" className="space-y-3">
      <div>
        <h2 id="plaid-calls-heading" className="text-lg font-semibold">
          Plaid calls, last 24 hours
        </h2>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Every call Mingus makes to Plaid is recorded with its endpoint, Plaid&apos;s request id and error code.
        </p>
      </div>
      {activity.endpoints.length === 0 ? (
        <p className="rounded-xl border border-dashed border-slate-300 p-4 text-sm text-slate-600 dark:border-slate-700 dark:text-slate-400">
          No calls to Plaid in the last 24 hours.
        </p>
      ) : (
        <ScrollRegion label="Plaid calls per endpoint, scrollable">
          <table className="min-w-full text-sm">
            <caption className="sr-only">Plaid calls per endpoint</caption>
            <thead className={head}>
              <tr>
                <th scope="col" className={`${cell} text-left font-medium`}>
                  Endpoint
                </th>
                {["Calls", "Failed", "Failure rate", "Median", "95th percentile"].map((label) => (
                  <th key={label} scope="col" className={`${cell} text-right font-medium`}>
                    {label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 dark:divide-slate-800/70">
              {activity.endpoints.map((row) => (
                <tr key={row.endpoint}>
                  <th scope="row" className={`${cell} text-left font-mono text-xs font-normal`}>
                    {row.endpoint}
                  </th>
                  <td className={figure}>{formatCount(row.calls)}</td>
                  <td className={`${figure} ${row.failed > 0 ? "text-red-700 dark:text-red-400" : ""}`}>
                    {formatCount(row.failed)}
                  </td>
                  <td className={figure}>{formatRate(row.failed / row.calls)}</td>
                  <td className={figure}>{formatCount(row.medianMs)} ms</td>
                  <td className={figure}>{formatCount(row.p95Ms)} ms</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      {activity.failures.length > 0 ? (
        <ScrollRegion label="Latest failed Plaid calls, scrollable">
          <table className="min-w-full text-sm">
            <caption className="px-3 py-2 text-left text-sm font-medium">Latest failures</caption>
            <thead className={head}>
              <tr>
                {["When", "Endpoint", "Institution", "Error", "Request id"].map((label) => (
                  <th key={label} scope="col" className={`${cell} text-left font-medium`}>
                    {label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 dark:divide-slate-800/70">
              {activity.failures.map((failure) => (
                <tr key={failure.id}>
                  <td className={cell}>{display.dateTime(failure.createdAt)}</td>
                  <td className={`${cell} font-mono text-xs`}>{failure.endpoint}</td>
                  <td className={cell}>{failure.institutionName ?? "Unlinked"}</td>
                  <td className={cell}>
                    <span className="font-mono text-xs">{failure.errorCode}</span>
                    {failure.statusCode ? (
                      <span className="ml-1 text-xs text-slate-500 dark:text-slate-400">HTTP {failure.statusCode}</span>
                    ) : null}
                  </td>
                  <td className={`${cell} font-mono text-xs`}>{failure.requestId ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      ) : null}
    </section>
  );
}
