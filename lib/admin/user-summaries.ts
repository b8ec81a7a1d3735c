// Per-user summaries for the admin area: the user_account_summary view (accounts, institutions, net
// worth) beside each user's connections and maintained sync totals. Users with failures come first.
import "server-only";
import { db, Prisma } from "@/lib/db";
import type { AdminQuery } from "./params";

export const USER_PAGE_SIZE = 25;

export interface UserSummary {
  userId: string;
  email: string;
  role: string;
  totalAccounts: number;
  activeAccounts: number;
  errorAccounts: number;
  uniqueInstitutions: number;
  /** Net worth over active accounts, from the view. */
  totalBalance: Prisma.Decimal;
  lastSyncAt: Date | null;
  connections: number;
  connectionsNeedingAttention: number;
  totalSyncs: number;
  failedSyncs: number;
}

export async function getUserSummaries({ query }: { query: Pick<AdminQuery, "user"> }) {
  const rows = await db.$queryRaw<(UserSummary & { matching: number })[]>`
    WITH syncs AS (
      SELECT pc.user_id, count(*)::int AS connections,
             (count(*) FILTER (WHERE pc.requires_reauth OR pc.error_count > 0))::int AS attention,
             COALESCE(sum(t.total), 0)::int AS total, COALESCE(sum(t.failed), 0)::int AS failed
      FROM plaid_connections pc
      LEFT JOIN (
        SELECT plaid_connection_id, sum(total) AS total, sum(failed) AS failed
        FROM sync_stats_totals GROUP BY plaid_connection_id
      ) t ON t.plaid_connection_id = pc.id
      GROUP BY pc.user_id
    )
    SELECT s.user_id AS "userId", s.email, u.role, s.total_accounts::int AS "totalAccounts",
           s.active_accounts::int AS "activeAccounts", s.error_accounts::int AS "errorAccounts",
           s.unique_institutions::int AS "uniqueInstitutions", s.total_balance AS "totalBalance",
           s.last_sync_at AS "lastSyncAt", COALESCE(y.connections, 0) AS connections,
           COALESCE(y.attention, 0) AS "connectionsNeedingAttention",
           COALESCE(y.total, 0) AS "totalSyncs", COALESCE(y.failed, 0) AS "failedSyncs",
           (count(*) OVER ())::int AS matching
    FROM user_account_summary s
    JOIN users u ON u.id = s.user_id
    LEFT JOIN syncs y ON y.user_id = s.user_id
    WHERE ${query.user ? Prisma.sql`strpos(lower(s.email), lower(${query.user})) > 0` : Prisma.sql`TRUE`}
    ORDER BY COALESCE(y.failed, 0) DESC, COALESCE(y.total, 0) DESC, s.email
    LIMIT ${USER_PAGE_SIZE}`;
  return {
    rows: rows.map(({ matching: _, ...row }) => row as UserSummary),
    matching: rows[0]?.matching ?? 0,
  };
}
