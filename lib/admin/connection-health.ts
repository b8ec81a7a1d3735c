// Connection health for the admin area: the flags and error counters of each Plaid connection, its
// maintained sync totals, and how many syncs wait to run. Worst first: reauth, then errors, then paused.
import "server-only";
import { db } from "@/lib/db";
import { connectionFilter } from "./filters";
import type { AdminQuery } from "./params";

export const HEALTH_PAGE_SIZE = 25;

export interface ConnectionHealth {
  connectionId: string;
  institutionName: string;
  userId: string;
  email: string;
  isActive: boolean;
  requiresReauth: boolean;
  errorCount: number;
  retryCount: number;
  lastError: string | null;
  lastErrorAt: Date | null;
  maintenanceUntil: Date | null;
  pausedAt: Date | null;
  lastSyncAt: Date | null;
  nextSyncAt: Date | null;
  syncFrequency: string;
  accounts: number;
  totalSyncs: number;
  failedSyncs: number;
  /** Syncs recorded but not started (a queued retry among them). */
  queued: number;
}

export type HealthState = "inactive" | "reauth" | "paused" | "failing" | "maintenance" | "healthy";

/** The one word a row leads with; the other flags still show beside it. */
export function healthState(row: ConnectionHealth, now = new Date()): HealthState {
  if (!row.isActive) return "inactive";
  if (row.requiresReauth) return "reauth";
  if (row.pausedAt) return "paused";
  if (row.errorCount > 0) return "failing";
  if (row.maintenanceUntil && row.maintenanceUntil > now) return "maintenance";
  return "healthy";
}

export async function getConnectionHealth({ query, now = new Date() }: { query: AdminQuery; now?: Date }) {
  const rows = await db.$queryRaw<(ConnectionHealth & { matching: number })[]>`
    WITH page AS (
      SELECT pc.id, pc.institution_name, pc.user_id, u.email, pc.is_active, pc.requires_reauth, pc.error_count,
             pc.retry_count, pc.last_error, pc.last_error_at, pc.maintenance_until, pc.paused_at, pc.last_sync_at,
             pc.next_sync_at, pc.sync_frequency, (count(*) OVER ())::int AS matching
      FROM plaid_connections pc JOIN users u ON u.id = pc.user_id
      WHERE ${connectionFilter(query, now)}
      ORDER BY pc.is_active DESC, pc.requires_reauth DESC, pc.error_count DESC, (pc.paused_at IS NOT NULL) DESC,
               pc.institution_name, u.email, pc.id
      LIMIT ${HEALTH_PAGE_SIZE} OFFSET ${(query.healthPage - 1) * HEALTH_PAGE_SIZE}
    )
    SELECT p.id AS "connectionId", p.institution_name AS "institutionName", p.user_id AS "userId", p.email,
           p.is_active AS "isActive", p.requires_reauth AS "requiresReauth", p.error_count AS "errorCount",
           p.retry_count AS "retryCount", p.last_error AS "lastError", p.last_error_at AS "lastErrorAt",
           p.maintenance_until AS "maintenanceUntil", p.paused_at AS "pausedAt", p.last_sync_at AS "lastSyncAt",
           p.next_sync_at AS "nextSyncAt", p.sync_frequency AS "syncFrequency", p.matching,
           (SELECT count(*)::int FROM bank_accounts ba WHERE ba.plaid_connection_id = p.id) AS accounts,
           COALESCE((SELECT sum(s.total)::int FROM sync_stats_totals s WHERE s.plaid_connection_id = p.id), 0)
             AS "totalSyncs",
           COALESCE((SELECT sum(s.failed)::int FROM sync_stats_totals s WHERE s.plaid_connection_id = p.id), 0)
             AS "failedSyncs",
           -- Only this page's connections, and only unfinished syncs: a handful of rows through an index.
           (SELECT count(*)::int FROM transaction_syncs ts
             WHERE ts.plaid_connection_id = p.id AND ts.status = 'pending') AS queued
    FROM page p
    ORDER BY p.is_active DESC, p.requires_reauth DESC, p.error_count DESC, (p.paused_at IS NOT NULL) DESC,
             p.institution_name, p.email, p.id`;
  const matching = rows[0]?.matching ?? 0;
  return {
    rows: rows.map(({ matching: _, ...row }) => row as ConnectionHealth),
    matching,
    pageCount: Math.max(1, Math.ceil(matching / HEALTH_PAGE_SIZE)),
  };
}

export type ConnectionHealthPage = Awaited<ReturnType<typeof getConnectionHealth>>;
