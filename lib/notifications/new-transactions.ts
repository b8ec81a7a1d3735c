// Which of an account's transactions are news: those stored since the account's watermark (the
// "transactions" state), posted, and dated within the last 30 days. The watermark moves forward at
// every look, so each transaction is looked at once, whatever the rules decide about it.
import "server-only";
import type { Prisma } from "@/lib/db";
import type { StateRow } from "./alert-states";
import type { AlertTransaction } from "./rules/alert-transaction";

type Tx = Prisma.TransactionClient;

/** Transactions dated earlier than this are history arriving late (a backfill), never an alert. */
export const RECENT_TRANSACTION_DAYS = 30;
/** How far back the history the transaction rules compare with reaches. */
export const HISTORY_DAYS = 90;
/** alert_states.rule of the transaction watermark. */
export const TRANSACTIONS_STATE = "transactions";
const DAY_MS = 86_400_000;

const TRANSACTION_FIELDS = {
  id: true,
  transactionId: true,
  amount: true,
  date: true,
  name: true,
  merchantName: true,
  categoryPrimary: true,
  pending: true,
  isoCurrencyCode: true,
} as const;

/**
 * The account's new posted transactions, oldest first; the watermark moves past everything seen. One
 * statement reads the newest transaction, moves the watermark and returns what lay between the old
 * watermark and it (every sync looks at every account, so this is a round trip per account, not three).
 */
export async function takeNewTransactions(
  tx: Tx,
  { account, state, now }: { account: { id: string; lastSyncAt: Date | null }; state: StateRow | null; now: Date },
): Promise<AlertTransaction[]> {
  // Timestamps stay in SQL: created_at has microseconds, which a JavaScript Date would round away.
  if (!state?.watermark) {
    // Until its first successful sync has brought its history in, an account has no news to tell:
    // the initial sync's two years of transactions are history, not alerts.
    if (!account.lastSyncAt) return [];
    // The first look after it: everything already here is history. The state is written with its
    // watermark, which never moves backwards.
    await tx.$executeRaw`
      INSERT INTO alert_states (bank_account_id, rule, state, threshold, changed_at, updated_at, watermark)
      SELECT ${account.id}::uuid, ${TRANSACTIONS_STATE}, 'seen', NULL, ${now}, now(), COALESCE(MAX(created_at), now())
      FROM transactions WHERE bank_account_id = ${account.id}::uuid
      ON CONFLICT (bank_account_id, rule) DO UPDATE SET state = EXCLUDED.state, threshold = NULL,
        changed_at = EXCLUDED.changed_at, updated_at = EXCLUDED.updated_at,
        watermark = GREATEST(alert_states.watermark, EXCLUDED.watermark)`;
    return [];
  }
  // The main query sees alert_states as it was before `moved`: the old watermark.
  const freshIds = await tx.$queryRaw<{ id: string }[]>`
    WITH mark AS (
      SELECT COALESCE(MAX(created_at), now()) AS newest FROM transactions WHERE bank_account_id = ${account.id}::uuid
    ), moved AS (
      UPDATE alert_states s SET watermark = GREATEST(s.watermark, mark.newest) FROM mark
      WHERE s.id = ${state.id}::uuid RETURNING s.id
    )
    SELECT t.id FROM transactions t, alert_states s, mark
    WHERE s.id = ${state.id}::uuid AND t.bank_account_id = ${account.id}::uuid
      AND t.created_at > s.watermark AND t.created_at <= mark.newest
      AND t.date >= ${new Date(startOfUtcDay(now).getTime() - RECENT_TRANSACTION_DAYS * DAY_MS)}::date`;
  if (freshIds.length === 0) return [];
  const fresh = await tx.transaction.findMany({
    where: { id: { in: freshIds.map((row) => row.id) } },
    orderBy: [{ date: "asc" }, { transactionId: "asc" }],
    select: TRANSACTION_FIELDS,
  });
  return fresh.filter((transaction) => !transaction.pending);
}

/** The account's posted transactions of the HISTORY_DAYS before the earliest new one, the new ones left out. */
export function loadHistory(
  tx: Tx,
  { accountId, exclude, now }: { accountId: string; exclude: AlertTransaction[]; now: Date },
): Promise<AlertTransaction[]> {
  const earliest = exclude.reduce((min, transaction) => (transaction.date < min ? transaction.date : min), now);
  return tx.transaction.findMany({
    where: {
      bankAccountId: accountId,
      pending: false,
      date: { gte: new Date(startOfUtcDay(earliest).getTime() - HISTORY_DAYS * DAY_MS) },
      id: { notIn: exclude.map((transaction) => transaction.id) },
    },
    select: TRANSACTION_FIELDS,
  });
}

function startOfUtcDay(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}
