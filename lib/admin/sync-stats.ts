// Sync statistics per account and per institution, from the maintained sync_stats_totals (a few rows
// per connection), never from transaction_syncs. An account's figures are its own syncs plus its
// connection's connection-wide ones, as in the sync_statistics view; an institution counts each sync once.
import "server-only";
import { db, Prisma } from "@/lib/db";
import { connectionFilter } from "./filters";
import type { AdminQuery, SortKey } from "./params";

export const STATS_PAGE_SIZE = 50;

export interface SyncFigures {
  total: number;
  successful: number;
  failed: number;
  partial: number;
  /** successful / total; null before any sync finished. */
  successRate: number | null;
  /** Seconds. */
  avgDuration: number | null;
  recordsProcessed: number;
  recordsFailed: number;
  /** The last successful sync. */
  lastSuccessAt: Date | null;
  lastCompletedAt: Date | null;
}

export interface AccountSyncStats extends SyncFigures {
  accountId: string;
  accountName: string;
  mask: string | null;
  connectionId: string;
  institutionId: string;
  email: string;
}

export interface InstitutionSyncStats extends SyncFigures {
  institutionId: string;
  institutionName: string;
  connections: number;
}

// Whitelisted ORDER BY expressions: [institution level, account level].
const ORDER: Record<SortKey, [string, string]> = {
  institution: ["i.institution_name", "a.account_name"],
  account: ["i.institution_name", "a.account_name"],
  total: ["i.total", "a.total"],
  successful: ["i.successful", "a.successful"],
  failed: ["i.failed", "a.failed"],
  successRate: ["i.successful::float8 / NULLIF(i.total, 0)", "a.successful::float8 / NULLIF(a.total, 0)"],
  avgDuration: ["i.avg_duration", "a.avg_duration"],
  recordsProcessed: ["i.records_processed", "a.records_processed"],
  recordsFailed: ["i.records_failed", "a.records_failed"],
  lastSync: ["i.last_success_at", "a.last_success_at"],
};

type Row = Omit<SyncFigures, "successRate">;
const withRate = <T extends Row>(row: T): T & SyncFigures => ({
  ...row,
  successRate: row.total > 0 ? row.successful / row.total : null,
});

// The matching connections, and per institution their figures (every scope of a connection summed).
function institutionsCte(query: AdminQuery, now: Date): Prisma.Sql {
  return Prisma.sql`
    conn AS (
      SELECT pc.id, pc.institution_id, pc.institution_name, u.email
      FROM plaid_connections pc JOIN users u ON u.id = pc.user_id
      WHERE ${connectionFilter(query, now)}
    ),
    i AS (
      SELECT c.institution_id, min(c.institution_name) AS institution_name,
             count(DISTINCT c.id)::int AS connections,
             COALESCE(sum(s.total), 0)::int AS total,
             COALESCE(sum(s.successful), 0)::int AS successful,
             COALESCE(sum(s.failed), 0)::int AS failed,
             COALESCE(sum(s.partial), 0)::int AS partial,
             (sum(s.duration_sum) / NULLIF(sum(s.duration_count), 0))::float8 AS avg_duration,
             COALESCE(sum(s.records_processed), 0)::float8 AS records_processed,
             COALESCE(sum(s.records_failed), 0)::float8 AS records_failed,
             max(s.last_success_at) AS last_success_at,
             max(s.last_completed_at) AS last_completed_at
      FROM conn c LEFT JOIN sync_stats_totals s ON s.plaid_connection_id = c.id
      GROUP BY c.institution_id
    )`;
}

type InstitutionRow = Row & { institutionId: string; institutionName: string; connections: number };
type AccountRow = Row & Omit<AccountSyncStats, keyof SyncFigures> & { matching: number };

export async function getSyncStatistics({ query, now = new Date() }: { query: AdminQuery; now?: Date }) {
  const [instOrder, accountOrder] = ORDER[query.sort];
  const dir = Prisma.raw(query.dir === "asc" ? "ASC" : "DESC");
  const [institutions, accounts] = await Promise.all([
    db.$queryRaw<InstitutionRow[]>`
      WITH ${institutionsCte(query, now)}
      SELECT institution_id AS "institutionId", institution_name AS "institutionName", connections,
             total, successful, failed, partial, avg_duration AS "avgDuration",
             records_processed AS "recordsProcessed", records_failed AS "recordsFailed",
             last_success_at AS "lastSuccessAt", last_completed_at AS "lastCompletedAt"
      FROM i
      ORDER BY ${Prisma.raw(instOrder)} ${dir} NULLS LAST, i.institution_name, i.institution_id`,
    db.$queryRaw<AccountRow[]>`
      WITH ${institutionsCte(query, now)},
      a AS (
        SELECT ba.id AS account_id, ba.name AS account_name, ba.mask, ba.plaid_connection_id,
               c.institution_id, c.email,
               (COALESCE(own.total, 0) + COALESCE(wide.total, 0))::int AS total,
               (COALESCE(own.successful, 0) + COALESCE(wide.successful, 0))::int AS successful,
               (COALESCE(own.failed, 0) + COALESCE(wide.failed, 0))::int AS failed,
               (COALESCE(own.partial, 0) + COALESCE(wide.partial, 0))::int AS partial,
               ((COALESCE(own.duration_sum, 0) + COALESCE(wide.duration_sum, 0))
                 / NULLIF(COALESCE(own.duration_count, 0) + COALESCE(wide.duration_count, 0), 0))::float8 AS avg_duration,
               (COALESCE(own.records_processed, 0) + COALESCE(wide.records_processed, 0))::float8 AS records_processed,
               (COALESCE(own.records_failed, 0) + COALESCE(wide.records_failed, 0))::float8 AS records_failed,
               GREATEST(own.last_success_at, wide.last_success_at) AS last_success_at,
               GREATEST(own.last_completed_at, wide.last_completed_at) AS last_completed_at
        FROM conn c
        JOIN bank_accounts ba ON ba.plaid_connection_id = c.id
        LEFT JOIN sync_stats_totals own ON own.plaid_connection_id = c.id AND own.scope_id = ba.id
        LEFT JOIN sync_stats_totals wide ON wide.plaid_connection_id = c.id AND wide.scope_id = c.id
      )
      SELECT a.account_id AS "accountId", a.account_name AS "accountName", a.mask,
             a.plaid_connection_id AS "connectionId", a.institution_id AS "institutionId", a.email,
             a.total, a.successful, a.failed, a.partial, a.avg_duration AS "avgDuration",
             a.records_processed AS "recordsProcessed", a.records_failed AS "recordsFailed",
             a.last_success_at AS "lastSuccessAt", a.last_completed_at AS "lastCompletedAt",
             (count(*) OVER ())::int AS matching
      FROM a JOIN i ON i.institution_id = a.institution_id
      ORDER BY ${Prisma.raw(instOrder)} ${dir} NULLS LAST, i.institution_name, i.institution_id,
               ${Prisma.raw(accountOrder)} ${dir} NULLS LAST, a.account_name, a.account_id
      LIMIT ${STATS_PAGE_SIZE} OFFSET ${(query.page - 1) * STATS_PAGE_SIZE}`,
  ]);
  const matching = accounts[0]?.matching ?? 0;
  return {
    institutions: institutions.map(withRate) as InstitutionSyncStats[],
    accounts: accounts.map(({ matching: _, ...row }) => withRate(row)) as AccountSyncStats[],
    /** Accounts matching the filters, over all pages. */
    matching,
    pageCount: Math.max(1, Math.ceil(matching / STATS_PAGE_SIZE)),
  };
}

export type SyncStatistics = Awaited<ReturnType<typeof getSyncStatistics>>;
