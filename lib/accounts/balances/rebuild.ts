// Balance history from transactions. Plaid gives today's balance and two years of transactions; this
// turns them into an end-of-day current balance for every day back to the account's oldest posted
// transaction, as 'calculated' rows of account_balances (one per account per UTC day).
//
// The rule, per account and day d:
// - Anchors are the reported points: 'plaid' and 'manual' current balances (a day's last one). A Plaid
//   account's current balance also holds until its last sync (updateBalance records only changes), so
//   it anchors the last synced day too. An anchor's day gets no calculated point: the report wins.
// - Before an anchor, d is worked back from the next anchor N: balance(d) = N − sign × (posted amounts
//   dated after d up to N's day). Plaid's amounts are positive when money leaves the account; on
//   depository (and other assets) that lowers the balance (sign −1 going forward), on credit and loan
//   accounts a purchase raises what is owed (sign +1). Pending transactions do not count.
// - After the last anchor (a manual account's days since its last stated balance), d is worked
//   forward from it, and when transactions came after that statement, a manual account's current
//   balance is today's.
// So a new Plaid balance that disagrees with the chain re-anchors every calculated day since the
// previous Plaid point, and the break shows at that point, where the bank's figures disagree.
//
// Investment accounts are not reconstructed: their value moves with the market, not with transactions.
//
// One transaction (the caller's, for a manual change), a fixed handful of statements whatever the
// number of days: lock, delete the old calculated rows, insert the new ones from one query, relink
// previous_amount, fix manual accounts' current row. Under the same advisory lock as updateBalance, so
// a balance cannot land in between.
import "server-only";
import { db, Prisma } from "@/lib/db";

export type HistoryRebuild = {
  /** Accounts whose history was rebuilt (investment accounts and accounts without a balance skipped). */
  accounts: number;
  /** Calculated points now stored for them. */
  points: number;
};

const TRANSACTION_OPTIONS = { timeout: 60_000, maxWait: 60_000 };

/** The UTC calendar day of `now`, as YYYY-MM-DD. */
function utcDay(now: Date): string {
  return now.toISOString().slice(0, 10);
}

export async function rebuildBalanceHistory({
  accountIds,
  now = new Date(),
  syncedAt = null,
  tx,
}: {
  accountIds: string[];
  now?: Date;
  /** A sync that has just read the balances: its day counts as the accounts' last synced day. */
  syncedAt?: Date | null;
  /** Run inside the caller's transaction (a manual change rebuilds with the change, or not at all). */
  tx?: Prisma.TransactionClient;
}): Promise<HistoryRebuild> {
  const ids = [...new Set(accountIds)].sort();
  if (ids.length === 0) return { accounts: 0, points: 0 };
  const run = (client: Prisma.TransactionClient) => rebuildIn(client, ids, utcDay(now), syncedAt);
  return tx ? run(tx) : db.$transaction(run, TRANSACTION_OPTIONS);
}

async function rebuildIn(
  tx: Prisma.TransactionClient,
  ids: string[],
  today: string,
  syncedAt: Date | null,
): Promise<HistoryRebuild> {
  // The lock updateBalance and the balance triggers take per (account, type), in a fixed order.
  await tx.$queryRaw`
    SELECT pg_advisory_xact_lock(hashtext(id::text || ':current'))::text
    FROM (SELECT id FROM unnest(${ids}::uuid[]) AS id ORDER BY id) AS ordered`;
  await tx.$executeRaw`
    DELETE FROM account_balances
    WHERE bank_account_id = ANY(${ids}::uuid[]) AND balance_type = 'current' AND source = 'calculated'`;
  const points = await tx.$executeRaw(insertCalculated(ids, today, syncedAt));
  await tx.$executeRaw(relinkPrevious(ids));
  await settleManualCurrent(tx, ids);
  const [rebuilt] = await tx.$queryRaw<{ accounts: number }[]>`
    SELECT count(*)::int AS accounts FROM bank_accounts
    WHERE id = ANY(${ids}::uuid[]) AND type <> 'investment'
      AND EXISTS (SELECT 1 FROM account_balances b
                  WHERE b.bank_account_id = bank_accounts.id AND b.balance_type = 'current')`;
  return { accounts: rebuilt?.accounts ?? 0, points };
}

/** Every account of a connection: what a sync calls once the transactions and balances are in. */
export async function rebuildConnectionHistory({
  connectionId,
  now = new Date(),
}: {
  connectionId: string;
  now?: Date;
}): Promise<HistoryRebuild> {
  const accounts = await db.bankAccount.findMany({ where: { plaidConnectionId: connectionId }, select: { id: true } });
  // The sync calling this has just read the balances, before its run stamps last_sync_at.
  return rebuildBalanceHistory({ accountIds: accounts.map((account) => account.id), now, syncedAt: now });
}

/**
 * The calculated points of the accounts, as one INSERT ... SELECT. `cum` is the running sum of the
 * day's posted amounts; an anchor's group (by counting anchors from either end) gives each day its
 * next and previous anchor and their running sums, so every day is one subtraction away from one.
 * previous_amount is the day before's value, so the trigger need not look it up; relinkPrevious
 * corrects the few days whose previous row is not the day before's (several reports in one day).
 */
function insertCalculated(ids: string[], today: string, syncedAt: Date | null): Prisma.Sql {
  return Prisma.sql`
    WITH accounts AS (
      SELECT id, iso_currency_code AS currency, plaid_connection_id IS NULL AS manual,
             CASE WHEN type IN ('credit', 'loan') THEN 1 ELSE -1 END AS sign,
             LEAST(${today}::date, (GREATEST(last_sync_at, ${syncedAt}::timestamptz) AT TIME ZONE 'UTC')::date) AS synced_day
      FROM bank_accounts
      WHERE id = ANY(${ids}::uuid[]) AND type <> 'investment'
    ), reports AS (
      SELECT DISTINCT ON (b.bank_account_id, b.day) b.bank_account_id AS account_id, b.day, b.amount
      FROM (
        SELECT bank_account_id, amount, currency, as_of_date, created_at,
               (as_of_date AT TIME ZONE 'UTC')::date AS day
        FROM account_balances
        WHERE bank_account_id = ANY(${ids}::uuid[]) AND balance_type = 'current' AND source <> 'calculated'
      ) AS b
      JOIN accounts a ON a.id = b.bank_account_id AND a.currency = b.currency
      ORDER BY b.bank_account_id, b.day, b.as_of_date DESC, b.created_at DESC
    ), anchors AS (
      SELECT account_id, day, amount, false AS carried FROM reports
      UNION ALL
      -- A Plaid account's latest report still held at its last sync.
      SELECT latest.account_id, a.synced_day, latest.amount, true
      FROM (SELECT DISTINCT ON (account_id) account_id, day, amount FROM reports ORDER BY account_id, day DESC) AS latest
      JOIN accounts a ON a.id = latest.account_id
      WHERE NOT a.manual AND a.synced_day > latest.day
    ), spent AS (
      SELECT bank_account_id AS account_id, date AS day, sum(amount) AS amount
      FROM transactions
      WHERE bank_account_id = ANY(${ids}::uuid[]) AND NOT pending
      GROUP BY bank_account_id, date
    ), bounds AS (
      SELECT a.id AS account_id, a.sign, a.currency,
             LEAST((SELECT min(day) FROM spent s WHERE s.account_id = a.id),
                   (SELECT min(day) FROM anchors n WHERE n.account_id = a.id)) AS first_day,
             CASE WHEN a.manual THEN GREATEST(${today}::date, (SELECT max(day) FROM anchors n WHERE n.account_id = a.id))
                  ELSE (SELECT max(day) FROM anchors n WHERE n.account_id = a.id) END AS last_day
      FROM accounts a
      WHERE EXISTS (SELECT 1 FROM anchors n WHERE n.account_id = a.id)
    ), days AS (
      SELECT b.account_id, b.sign, b.currency, d.day, COALESCE(s.amount, 0) AS spent, n.amount AS anchor,
             COALESCE(n.carried, false) AS carried
      FROM bounds b
      CROSS JOIN LATERAL (
        SELECT g::date AS day FROM generate_series(b.first_day, b.last_day, interval '1 day') AS g
      ) AS d
      LEFT JOIN spent s ON s.account_id = b.account_id AND s.day = d.day
      LEFT JOIN anchors n ON n.account_id = b.account_id AND n.day = d.day
    ), grouped AS (
      SELECT *,
             sum(spent) OVER (PARTITION BY account_id ORDER BY day) AS cum,
             count(anchor) OVER (PARTITION BY account_id ORDER BY day DESC) AS next_group,
             count(anchor) OVER (PARTITION BY account_id ORDER BY day) AS previous_group
      FROM days
    ), anchored AS (
      SELECT *,
             max(anchor) OVER (PARTITION BY account_id, next_group) AS next_amount,
             max(CASE WHEN anchor IS NOT NULL THEN cum END) OVER (PARTITION BY account_id, next_group) AS next_cum,
             max(anchor) OVER (PARTITION BY account_id, previous_group) AS previous_amount,
             max(CASE WHEN anchor IS NOT NULL THEN cum END) OVER (PARTITION BY account_id, previous_group) AS previous_cum
      FROM grouped
    ), balances AS (
      SELECT account_id, currency, day, anchor, carried,
             CASE WHEN anchor IS NOT NULL THEN anchor
                  WHEN next_group > 0 THEN next_amount - sign * (next_cum - cum)
                  ELSE previous_amount + sign * (cum - previous_cum) END AS amount
      FROM anchored
    ), chained AS (
      SELECT *, lag(amount) OVER (PARTITION BY account_id ORDER BY day) AS day_before
      FROM balances
    )
    INSERT INTO account_balances
      (bank_account_id, balance_type, amount, currency, as_of_date, is_current, source, previous_amount)
    SELECT account_id, 'current', amount, currency,
           (day + 1)::timestamp AT TIME ZONE 'UTC' - interval '1 microsecond', false, 'calculated', day_before
    FROM chained
    WHERE anchor IS NULL OR carried`;
}

/** previous_amount (and through the trigger, the change) of every current-balance row of the accounts. */
function relinkPrevious(ids: string[]): Prisma.Sql {
  return Prisma.sql`
    UPDATE account_balances AS b SET previous_amount = linked.previous
    FROM (
      SELECT id,
             CASE WHEN lag(currency) OVER w = currency THEN lag(amount) OVER w END AS previous
      FROM account_balances
      WHERE bank_account_id = ANY(${ids}::uuid[]) AND balance_type = 'current'
      WINDOW w AS (PARTITION BY bank_account_id ORDER BY as_of_date, created_at)
    ) AS linked
    WHERE b.id = linked.id AND b.previous_amount IS DISTINCT FROM linked.previous`;
}

/**
 * A manual account's current balance: its latest stated balance, or today's calculated one when
 * posted transactions came after that statement. The triggers retire the old current row; the
 * account's own column follows.
 */
async function settleManualCurrent(tx: Prisma.TransactionClient, ids: string[]): Promise<void> {
  await tx.$executeRaw`
    WITH stated AS (
      SELECT DISTINCT ON (b.bank_account_id) b.bank_account_id, b.id, (b.as_of_date AT TIME ZONE 'UTC')::date AS day
      FROM account_balances b
      JOIN bank_accounts a ON a.id = b.bank_account_id
      WHERE a.id = ANY(${ids}::uuid[]) AND a.plaid_connection_id IS NULL
        AND b.balance_type = 'current' AND b.source <> 'calculated'
      ORDER BY b.bank_account_id, b.as_of_date DESC, b.created_at DESC
    ), moved AS (
      SELECT s.bank_account_id FROM stated s
      WHERE EXISTS (SELECT 1 FROM transactions t
                    WHERE t.bank_account_id = s.bank_account_id AND NOT t.pending AND t.date > s.day)
    ), chosen AS (
      SELECT id FROM stated WHERE bank_account_id NOT IN (SELECT bank_account_id FROM moved)
      UNION ALL
      SELECT latest.id FROM (
        SELECT DISTINCT ON (b.bank_account_id) b.id
        FROM account_balances b JOIN moved m ON m.bank_account_id = b.bank_account_id
        WHERE b.balance_type = 'current'
        ORDER BY b.bank_account_id, b.as_of_date DESC, b.created_at DESC
      ) AS latest
    )
    UPDATE account_balances SET is_current = true
    WHERE NOT is_current AND id IN (SELECT id FROM chosen)`;
  await tx.$executeRaw`
    UPDATE bank_accounts AS a SET current_balance = b.amount
    FROM account_balances b
    WHERE a.id = ANY(${ids}::uuid[]) AND a.plaid_connection_id IS NULL
      AND b.bank_account_id = a.id AND b.balance_type = 'current' AND b.is_current
      AND a.current_balance IS DISTINCT FROM b.amount`;
}
