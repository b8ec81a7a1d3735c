// Sending jobs from any process: every capability enqueues through here. Each process registers how it
// sends (its own workers' pg-boss, or a send-only one); sending is best effort, because the database
// rows (a pending sync run, a pending message) are the requests, and the scheduler's minute sweep hands
// them out whatever happens here.
import "server-only";
import { log } from "@/lib/log";
import type { HealthJob, NotifyJob, SyncJob } from "./boss";

/** How this process sends jobs: its own workers' pg-boss, or a send-only one (the web on PostgreSQL). */
export type SyncQueueHandle = {
  send: (jobs: SyncJob[]) => Promise<void>;
  notify: (jobs: NotifyJob[]) => Promise<void>;
  health: (jobs: HealthJob[]) => Promise<void>;
  close?: () => Promise<void>;
};

type Registered = { open: () => Promise<SyncQueueHandle>; opened: () => Promise<SyncQueueHandle> | undefined };

// On globalThis, as the database client is: Next.js may load this module in several bundles.
const registry = globalThis as typeof globalThis & { __mingusJobQueue?: Registered };

/**
 * Makes `open` this process's queue. Only the server and worker processes register one; elsewhere
 * (CLIs, tests of the callers) enqueueing does nothing and the scheduler is the only path.
 */
export function registerJobQueue(open: () => Promise<SyncQueueHandle>): void {
  let opening: Promise<SyncQueueHandle> | undefined;
  registry.__mingusJobQueue = {
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
export async function unregisterJobQueue(): Promise<void> {
  const registered = registry.__mingusJobQueue;
  registry.__mingusJobQueue = undefined;
  const handle = await registered?.opened()?.catch(() => undefined);
  await handle?.close?.();
}

export type EnqueueResult = "sent" | "no_queue" | "failed";

/** Sends a job for the connection's pending sync run. Never throws. */
export async function enqueueSyncJob({ connectionId }: { connectionId: string }): Promise<EnqueueResult> {
  const registered = registry.__mingusJobQueue;
  if (!registered) return "no_queue";
  try {
    const queue = await registered.open();
    await queue.send([{ connectionId }]);
    return "sent";
  } catch (error) {
    log.error({ err: error, connectionId }, "sync: could not send the job; the scheduler will");
    return "failed";
  }
}

/**
 * Sends notify jobs for messages due now. Never throws: the messages are pending rows, and the
 * scheduler's sweep hands them out within a minute whatever happens here.
 */
export async function enqueueNotifications(jobs: NotifyJob[]): Promise<EnqueueResult> {
  const registered = registry.__mingusJobQueue;
  if (jobs.length === 0) return "sent";
  if (!registered) return "no_queue";
  try {
    const queue = await registered.open();
    await queue.notify(jobs);
    return "sent";
  } catch (error) {
    log.error({ err: error, jobs: jobs.length }, "notify: could not send the jobs; the sweep will");
    return "failed";
  }
}

/**
 * Sends an item health check for the connection (after a link, an admin's "Check health"). Never
 * throws: a connection never checked is due, so the scheduler's sweep checks it within a minute anyway.
 */
export async function enqueueHealthCheck({ connectionId }: { connectionId: string }): Promise<EnqueueResult> {
  const registered = registry.__mingusJobQueue;
  if (!registered) return "no_queue";
  try {
    const queue = await registered.open();
    await queue.health([{ connectionId }]);
    return "sent";
  } catch (error) {
    log.error({ err: error, connectionId }, "item-health: could not send the job");
    return "failed";
  }
}
