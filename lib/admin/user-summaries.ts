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
  /**
   * Net worth over active accounts, one amount per currency (never summed across currencies), as the
   * view counts it: current balances, with what credit and loan accounts owe subtracted.
   */
  balances: { currency: string; amount: Prisma.Decimal }[];
  lastSyncAt: Date | null;
  connections: number;
  connectionsNeedingAttention: number;
  totalSyncs: number;
  failedSyncs: number;
}

export async function getUserSummaries({ query }: { query: Pick<AdminQuery, "user"> }) {
  // The page of users is chosen first; each shown user's balances are then summed (25 lateral lookups,
  // not one per user).
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
    ),
    page AS (
      SELECT s.user_id AS "userId", s.email, u.role, s.total_accounts::int AS "totalAccounts",
             s.active_accounts::int AS "activeAccounts", s.error_accounts::int AS "errorAccounts",
             s.unique_institutions::int AS "uniqueInstitutions",
             s.last_sync_at AS "lastSyncAt", COALESCE(y.connections, 0) AS connections,
             COALESCE(y.attention, 0) AS "connectionsNeedingAttention",
             COALESCE(y.total, 0) AS "totalSyncs", COALESCE(y.failed, 0) AS "failedSyncs",
             (count(*) OVER ())::int AS matching
      FROM user_account_summary s
      JOIN users u ON u.id = s.user_id
      LEFT JOIN syncs y ON y.user_id = s.user_id
      WHERE ${query.user ? Prisma.sql`strpos(lower(s.email), lower(${query.user})) > 0` : Prisma.sql`TRUE`}
      ORDER BY COALESCE(y.failed, 0) DESC, COALESCE(y.total, 0) DESC, s.email
      LIMIT ${USER_PAGE_SIZE}
    )
    SELECT p.*, b.balances
    FROM page p
    CROSS JOIN LATERAL (
      SELECT COALESCE(jsonb_agg(jsonb_build_object('currency', currency, 'amount', amount::text) ORDER BY currency), '[]')
               AS balances
      FROM (
        SELECT ba.iso_currency_code AS currency,
               sum(CASE WHEN ba.type IN ('credit', 'loan') THEN -1 ELSE 1 END * COALESCE(ab.amount, ba.current_balance))
                 ::numeric(15,2) AS amount
        FROM bank_accounts ba
        LEFT JOIN account_balances ab
          ON ab.bank_account_id = ba.id AND ab.balance_type = 'current' AND ab.is_current
        WHERE ba.user_id = p."userId" AND ba.is_active
        GROUP BY ba.iso_currency_code
        HAVING count(COALESCE(ab.amount, ba.current_balance)) > 0
      ) per_currency
    ) b
    ORDER BY p."failedSyncs" DESC, p."totalSyncs" DESC, p.email`;
  return {
    rows: rows.map(({ matching: _, balances, ...row }) => ({
      ...row,
      balances: (balances as unknown as { currency: string; amount: string }[]).map(({ currency, amount }) => ({
        currency,
        amount: new Prisma.Decimal(amount),
      })),
    })),
    matching: rows[0]?.matching ?? 0,
  };
}
