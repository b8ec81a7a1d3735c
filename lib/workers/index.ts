// What a worker process runs, composed from the capabilities: sync jobs (lib/sync), alert messages
// (lib/notifications), and the minute sweep and reaper over both, on the jobs layer's runtime. The one
// place that knows every kind of job; `npm run worker` and the web server start it.
import "server-only";
import { checkItemHealth, findDueHealthChecks, settlePendingLinks, updateWebhookUrls } from "@/lib/connections";
import { fetchRates } from "@/lib/fx";
import type { WorkerKind } from "@/lib/jobs/heartbeat";
import { type JobHandlers, type JobWorkers, startJobWorkers } from "@/lib/jobs/runtime";
import { log } from "@/lib/log";
import { closeChannelSenders, handleNotifyJob, sweepNotificationMessages } from "@/lib/notifications";
import {
  DEFAULT_LEASE_MS,
  type ExecuteSync,
  executeSync,
  findRunnablePendingSyncs,
  handleSyncJob,
  reapLostSyncs,
  requestDueSyncs,
} from "@/lib/sync";

export { DEFAULT_LEASE_MS } from "@/lib/sync";
export type Workers = JobWorkers;

export function workerHandlers({
  execute = executeSync,
  leaseMs = DEFAULT_LEASE_MS,
}: {
  execute?: ExecuteSync;
  leaseMs?: number;
} = {}): JobHandlers {
  return {
    sync: (job, { slotId, stopping }) =>
      handleSyncJob({ connectionId: job.connectionId, workerId: slotId, leaseMs, execute, stopping }),
    notify: (job) => handleNotifyJob({ messageId: job.messageId }),
    health: async (job) => {
      await checkItemHealth({ connectionId: job.connectionId });
    },
    fxRates: async () => {
      const report = await fetchRates();
      if (report) log.info({ rates: report.rates, days: report.days, lastDay: report.lastDay }, "fx-rates: imported");
    },
    sweep: async () => {
      // Link exchanges a crash left unfinished: finished for the person, or removed at Plaid.
      await settlePendingLinks().catch((error: unknown) =>
        log.error({ err: error }, "pending links: the sweep failed"),
      );
      await requestDueSyncs();
      const sync = await findRunnablePendingSyncs();
      const notify = (await sweepNotificationMessages()).map((messageId) => ({ messageId }));
      return { sync, notify, health: await findDueHealthChecks() };
    },
    reap: async ({ workersSilentSince }) =>
      (await reapLostSyncs({ leaseMs, workersSilentSince })).requested.map((connectionId) => ({ connectionId })),
    // The pooled SMTP connections the notify jobs opened.
    onStop: closeChannelSenders,
  };
}

/** Starts this process's workers: `concurrency` sync slots, alert delivery, the sweep and the reaper. */
export function startWorkers({
  concurrency,
  leaseMs = DEFAULT_LEASE_MS,
  execute,
  pollingIntervalSeconds,
  kind,
  heartbeatEveryMs,
}: {
  concurrency: number;
  leaseMs?: number;
  execute?: ExecuteSync;
  pollingIntervalSeconds?: number;
  /** "web" for the web server's own workers; `npm run worker` is "worker". */
  kind?: WorkerKind;
  heartbeatEveryMs?: number;
}): Promise<Workers> {
  return startJobWorkers({
    handlers: workerHandlers({ execute, leaseMs }),
    concurrency,
    kind,
    heartbeatEveryMs,
    reapEveryMs: leaseMs / 2,
    pollingIntervalSeconds,
  });
}

/**
 * At a worker's start: items whose webhook URL is not the configured one are told the new one. Never
 * throws (an unreachable Plaid leaves them for the next start or `npm run plaid:webhooks`).
 */
export async function updateWebhookUrlsAtStart(): Promise<void> {
  try {
    const report = await updateWebhookUrls();
    if (report.checked === 0) return;
    log.info({ updated: report.updated, checked: report.checked }, "Webhook URL: connections updated");
    for (const failure of report.failed) {
      log.error({ connectionId: failure.connectionId, errorCode: failure.code }, "Webhook URL: connection not updated");
    }
  } catch (error) {
    log.error({ err: error }, "Webhook URL: could not check the connections");
  }
}
