// Everything the admin page shows, in one call: headline figures, the statistics and health tables,
// user summaries and the daily chart data. Every part reads maintained aggregates or small tables.
import "server-only";
import { db } from "@/lib/db";
import { getConnectionHealth } from "./connection-health";
import type { AdminQuery } from "./params";
import { getPlaidCallActivity } from "./plaid-calls";
import { getSyncStatistics } from "./sync-stats";
import { getDailySyncVolume } from "./sync-volume";
import { getUserSummaries } from "./user-summaries";

export interface AdminSummary {
  users: number;
  connections: number;
  needingAttention: number;
  requiresReauth: number;
  paused: number;
  inMaintenance: number;
  totalSyncs: number;
  successfulSyncs: number;
  failedSyncs: number;
  successRate: number | null;
  /** Seconds. */
  avgDuration: number | null;
  queued: number;
}

export async function getAdminSummary({ now = new Date() }: { now?: Date } = {}): Promise<AdminSummary> {
  const [row] = await db.$queryRaw<Omit<AdminSummary, "successRate">[]>`
    SELECT (SELECT count(*)::int FROM users) AS users,
           c.connections, c."needingAttention", c."requiresReauth", c.paused, c."inMaintenance",
           t."totalSyncs", t."successfulSyncs", t."failedSyncs", t."avgDuration",
           (SELECT count(*)::int FROM transaction_syncs WHERE status = 'pending') AS queued
    FROM (
      SELECT count(*)::int AS connections,
             (count(*) FILTER (WHERE requires_reauth OR error_count > 0))::int AS "needingAttention",
             (count(*) FILTER (WHERE requires_reauth))::int AS "requiresReauth",
             (count(*) FILTER (WHERE paused_at IS NOT NULL))::int AS paused,
             (count(*) FILTER (WHERE maintenance_until > ${now}))::int AS "inMaintenance"
      FROM plaid_connections
    ) c, (
      SELECT COALESCE(sum(total), 0)::int AS "totalSyncs", COALESCE(sum(successful), 0)::int AS "successfulSyncs",
             COALESCE(sum(failed), 0)::int AS "failedSyncs",
             (sum(duration_sum) / NULLIF(sum(duration_count), 0))::float8 AS "avgDuration"
      FROM sync_stats_totals
    ) t`;
  if (!row) throw new Error("the admin summary query returned no row");
  return { ...row, successRate: row.totalSyncs > 0 ? row.successfulSyncs / row.totalSyncs : null };
}

export async function getAdminDashboard({ query, now = new Date() }: { query: AdminQuery; now?: Date }) {
  const [summary, statistics, health, users, volume, plaidCalls] = await Promise.all([
    getAdminSummary({ now }),
    getSyncStatistics({ query, now }),
    getConnectionHealth({ query, now }),
    getUserSummaries({ query }),
    getDailySyncVolume({ days: query.range, now }),
    getPlaidCallActivity({ now }),
  ]);
  return { summary, statistics, health, users, volume, plaidCalls, generatedAt: now };
}

export type AdminDashboard = Awaited<ReturnType<typeof getAdminDashboard>>;
