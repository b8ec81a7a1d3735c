// The fast path from a request to a worker: after requestSync, a "sync" job for the connection is sent
// at once, so a link, a webhook or "Sync now" starts within seconds instead of at the next sweep.
// Sending is best effort: the pending row is the request, and the scheduler hands it over within a
// minute whatever happens here.
import "server-only";
import { requestSync, type SyncRequestResult } from "@/lib/sync/request-sync";
import type { NotifyJob, SyncJob } from "./boss";

/** How this process sends jobs: its own workers' pg-boss, or a send-only one (the web on PostgreSQL). */
export type SyncQueueHandle = {
  send: (jobs: SyncJob[]) => Promise<void>;
  notify: (jobs: NotifyJob[]) => Promise<void>;
  close?: () => Promise<void>;
};

type Registered = { open: () => Promise<SyncQueueHandle>; opened: () => Promise<SyncQueueHandle> | undefined };

// On globalThis, as the database client is: Next.js may load this module in several bundles.
const registry = globalThis as typeof globalThis & { __mingusSyncQueue?: Registered };

/**
 * Makes `open` this process's queue. Only the server and worker processes register one; elsewhere
 * (CLIs, tests of the callers) enqueueSync does nothing and the scheduler is the only path.
 */
export function registerSyncQueue(open: () => Promise<SyncQueueHandle>): void {
  let opening: Promise<SyncQueueHandle> | undefined;
  registry.__mingusSyncQueue = {
    open: () => {
      // Opened once; a failed open (database down) is tried again on the next send.
      opening ??= open().catch((error: unknown) => {
        opening = undefined;
        throw error;
      });
      return opening;
    },
    opened: () => opening,
  };
}

/** Forgets this process's queue, closing it if it was opened. */
export async function unregisterSyncQueue(): Promise<void> {
  const registered = registry.__mingusSyncQueue;
  registry.__mingusSyncQueue = undefined;
  const handle = await registered?.opened()?.catch(() => undefined);
  await handle?.close?.();
}

export type EnqueueResult = "sent" | "no_queue" | "failed";

/** Sends a job for the connection's pending run. Never throws. */
export async function enqueueSync({ connectionId }: { connectionId: string }): Promise<EnqueueResult> {
  const registered = registry.__mingusSyncQueue;
  if (!registered) return "no_queue";
  try {
    const queue = await registered.open();
    await queue.send([{ connectionId }]);
    return "sent";
  } catch (error) {
    console.error(
      `sync connection=${connectionId}: could not send the job (${(error as Error).message}); the scheduler will`,
    );
    return "failed";
  }
}

/**
 * requestSync, then the job when a run is waiting. A failed send never fails the request. Call it
 * outside any database transaction: on the embedded database the send waits for the connection.
 */
export async function requestAndEnqueueSync(request: Parameters<typeof requestSync>[0]): Promise<SyncRequestResult> {
  const result = await requestSync(request);
  if (result === "queued" || result === "already_queued") await enqueueSync({ connectionId: request.connectionId });
  return result;
}

/**
 * Sends notify jobs for messages due now. Never throws: the messages are pending rows, and the
 * scheduler's sweep hands them out within a minute whatever happens here.
 */
export async function enqueueNotifications(jobs: NotifyJob[]): Promise<EnqueueResult> {
  const registered = registry.__mingusSyncQueue;
  if (jobs.length === 0) return "sent";
  if (!registered) return "no_queue";
  try {
    const queue = await registered.open();
    await queue.notify(jobs);
    return "sent";
  } catch (error) {
    console.error(`notify: could not send ${jobs.length} job(s) (${(error as Error).message}); the sweep will`);
    return "failed";
  }
}
