// The job worker processes (lib/jobs/heartbeat.ts): one row each with its host, pid, start, jobs done and
// last beat, alive or stale; and, above everything on the admin page, a banner when none is alive, since
// then no sync, alert or health check runs until someone starts one.
import { Badge } from "@/components/ui/badge";
import { ColumnHeader, DataTable, RowHeader, TableBody } from "@/components/ui/data-table";
import type { Display } from "@/lib/format/display";
import type { WorkerStatus } from "@/lib/jobs/heartbeat";
import { AdminSection } from "./admin-section";
import { formatCount } from "./format";

export const START_WORKER_COMMAND = "npm run worker";

/** Shown when no worker process has beaten in the last two minutes. */
export function NoWorkerBanner({ workers }: { workers: WorkerStatus[] }) {
  if (workers.some((worker) => worker.alive)) return null;
  return (
    <div
      role="alert"
      className="space-y-1 rounded-xl border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950 dark:border-amber-400/40 dark:bg-amber-400/10 dark:text-amber-100"
    >
      <p className="font-semibold">No sync worker is running.</p>
      <p>
        Syncs stay queued, and alerts and health checks wait, until one starts. Start one beside the web server with{" "}
        <code className="rounded bg-amber-100 px-1 font-mono dark:bg-amber-400/20">{START_WORKER_COMMAND}</code>{" "}
        (docs/operations.md, Workers).
      </p>
    </div>
  );
}

export function WorkersSection({ workers, display, now }: { workers: WorkerStatus[]; display: Display; now: Date }) {
  const alive = workers.filter((worker) => worker.alive).length;
  const cell = "px-3 py-2 whitespace-nowrap";
  return (
    <AdminSection
      headingId="workers-heading"
      title="Workers"
      description={`${formatCount(alive)} of ${formatCount(workers.length)} worker processes alive (a heartbeat in the last 2 minutes).`}
    >
      <DataTable
        label="Workers"
        caption="Job worker processes"
        columns={
          <>
            <ColumnHeader>Host</ColumnHeader>
            <ColumnHeader numeric>Process id</ColumnHeader>
            <ColumnHeader>Runs in</ColumnHeader>
            <ColumnHeader>Started</ColumnHeader>
            <ColumnHeader numeric>Jobs done</ColumnHeader>
            <ColumnHeader>Last heartbeat</ColumnHeader>
            <ColumnHeader>State</ColumnHeader>
          </>
        }
        empty={workers.length === 0 ? "No worker has run since the last day." : null}
      >
        <TableBody>
          {workers.map((worker) => (
            <tr key={worker.id}>
              <RowHeader>{worker.host}</RowHeader>
              <td className={`${cell} text-right tabular-nums`}>{worker.pid}</td>
              <td className={cell}>{worker.kind === "web" ? "Web server" : "Worker process"}</td>
              <td className={cell}>{display.dateTime(worker.startedAt)}</td>
              <td className={`${cell} text-right tabular-nums`}>{formatCount(worker.jobsDone)}</td>
              <td className={cell}>{display.relative(worker.lastBeatAt, now)}</td>
              <td className={cell}>
                {worker.alive ? <Badge tone="ok">Alive</Badge> : <Badge tone="warning">Stale</Badge>}
              </td>
            </tr>
          ))}
        </TableBody>
      </DataTable>
    </AdminSection>
  );
}
