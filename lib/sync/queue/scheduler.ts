// Which connections are due a sync, and which requested runs are ready for a worker. The scheduler job
// (every minute, and at start) turns the first into requests and hands the second to the queue.
import "server-only";
import { db } from "@/lib/db";
import type { SyncJobData } from "@/lib/jobs/boss";
import { requestSync } from "@/lib/sync/request-sync";

/** A real_time connection syncs on Plaid's webhook; this is how long it may go without one. */
export const REAL_TIME_SAFETY_NET_MS = 24 * 3600_000;

const SWEEP_LIMIT = 1000;

export type DueConnection = { id: string; initial: boolean };

/**
 * Due: active, not paused, not waiting for re-authentication, outside maintenance_until, with no run
 * pending or in progress, and not inside the retry_after of its last failed run; then by frequency:
 * - hourly, daily, weekly: next_sync_at reached (or never set);
 * - real_time: next_sync_at reached (a failed run's retry), or no next_sync_at and no sync for a day;
 * - manual: only a failed run's retry (updateSyncStatus puts next_sync_at at the backoff); a success
 *   leaves next_sync_at empty, so nothing else is ever scheduled.
 * Demo connections (metadata.demo) hold no real item and are never scheduled.
 */
export async function findDueConnections({
  now = new Date(),
  limit = SWEEP_LIMIT,
}: {
  now?: Date;
  limit?: number;
} = {}): Promise<DueConnection[]> {
  const safetyNet = new Date(now.getTime() - REAL_TIME_SAFETY_NET_MS);
  return db.$queryRaw<DueConnection[]>`
    SELECT c.id, (c.transactions_cursor IS NULL) AS initial
    FROM plaid_connections c
    LEFT JOIN LATERAL (
      SELECT s.status, s.retry_after FROM transaction_syncs s
      WHERE s.plaid_connection_id = c.id AND s.started_at IS NOT NULL
        AND s.status IN ('success', 'failed', 'partial', 'cancelled')
      ORDER BY s.started_at DESC LIMIT 1
    ) last ON true
    WHERE c.is_active AND c.paused_at IS NULL AND NOT c.requires_reauth
      AND NOT (c.metadata @> '{"demo": true}'::jsonb)
      AND (c.maintenance_until IS NULL OR c.maintenance_until <= ${now})
      AND NOT EXISTS (
        SELECT 1 FROM transaction_syncs r
        WHERE r.plaid_connection_id = c.id AND r.status IN ('pending', 'in_progress'))
      AND NOT COALESCE(last.status = 'failed' AND last.retry_after > ${now}, false)
      AND CASE c.sync_frequency
        WHEN 'manual' THEN COALESCE(c.next_sync_at <= ${now}, false)
        WHEN 'real_time' THEN COALESCE(c.next_sync_at <= ${now},
          c.last_sync_at IS NULL OR c.last_sync_at <= ${safetyNet})
        ELSE COALESCE(c.next_sync_at <= ${now}, true)
      END
    ORDER BY c.next_sync_at ASC NULLS FIRST, c.id
    LIMIT ${limit}`;
}

/** Requests a sync (trigger "schedule") for every due connection; returns the connections requested. */
export async function requestDueSyncs({ now = new Date() }: { now?: Date } = {}): Promise<string[]> {
  const requested: string[] = [];
  for (const connection of await findDueConnections({ now })) {
    const result = await requestSync({
      connectionId: connection.id,
      syncType: connection.initial ? "initial" : "incremental",
      trigger: "schedule",
      now,
    });
    if (result === "queued") requested.push(connection.id);
  }
  return requested;
}

/**
 * The oldest pending run of each connection a worker could claim now: past its retry_after, the
 * connection runnable (a reconnect's run even while re-authentication is flagged) and not busy.
 */
export async function findRunnablePendingSyncs({
  now = new Date(),
  limit = SWEEP_LIMIT,
}: {
  now?: Date;
  limit?: number;
} = {}): Promise<Required<SyncJobData>[]> {
  const rows = await db.$queryRaw<{ id: string; plaid_connection_id: string }[]>`
    SELECT DISTINCT ON (s.plaid_connection_id) s.id, s.plaid_connection_id
    FROM transaction_syncs s
    JOIN plaid_connections c ON c.id = s.plaid_connection_id
    WHERE s.status = 'pending' AND (s.retry_after IS NULL OR s.retry_after <= ${now})
      AND c.is_active AND c.paused_at IS NULL
      AND (NOT c.requires_reauth OR s.context->>'trigger' = 'reconnect')
      AND NOT EXISTS (
        SELECT 1 FROM transaction_syncs r WHERE r.plaid_connection_id = c.id AND r.status = 'in_progress')
    ORDER BY s.plaid_connection_id, s.created_at, s.id
    LIMIT ${limit}`;
  return rows.map((row) => ({ connectionId: row.plaid_connection_id, syncId: row.id }));
}
