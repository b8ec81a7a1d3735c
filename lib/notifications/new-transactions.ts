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

export type AccountLook = { account: { id: string; lastSyncAt: Date | null }; state: StateRow | null };

/**
 * Each account's new posted transactions, oldest first, by account id; the watermarks move past
 * everything seen. Every sync looks at every account of its connection, so the looks are set-based: one
 * statement for the accounts' first looks, one that reads each account's newest transaction, moves its
 * watermark and returns what lay between, and one read of those transactions, however many accounts.
 */
export async function takeNewTransactions(
  tx: Tx,
  { looks, now }: { looks: AccountLook[]; now: Date },
): Promise<Map<string, AlertTransaction[]>> {
  const news = new Map<string, AlertTransaction[]>(looks.map(({ account }) => [account.id, []]));
  // Until its first successful sync has brought its history in, an account has no news to tell: the
  // initial sync's two years of transactions are history, not alerts. The first look after it: everything
  // already here is history. The state is written with its watermark, which never moves backwards.
  // Timestamps stay in SQL: created_at has microseconds, which a JavaScript Date would round away.
  const first = looks.filter(({ account, state }) => !state?.watermark && account.lastSyncAt);
  if (first.length > 0) {
    await tx.$executeRaw`
      INSERT INTO alert_states (bank_account_id, rule, state, threshold, changed_at, updated_at, watermark)
      SELECT a.id, ${TRANSACTIONS_STATE}, 'seen', NULL, ${now}, now(),
        COALESCE((SELECT MAX(t.created_at) FROM transactions t WHERE t.bank_account_id = a.id), now())
      FROM unnest(${first.map(({ account }) => account.id)}::uuid[]) AS a(id)
      ON CONFLICT (bank_account_id, rule) DO UPDATE SET state = EXCLUDED.state, threshold = NULL,
        changed_at = EXCLUDED.changed_at, updated_at = EXCLUDED.updated_at,
        watermark = GREATEST(alert_states.watermark, EXCLUDED.watermark)`;
  }
  const watched = looks.flatMap(({ account, state }) => (state?.watermark ? [{ account, state }] : []));
  if (watched.length === 0) return news;
  // The main query sees alert_states as they were before `moved`: the old watermarks.
  const freshIds = await tx.$queryRaw<{ id: string }[]>`
    WITH look AS (
      SELECT l.account_id, l.state_id,
        COALESCE((SELECT MAX(t.created_at) FROM transactions t WHERE t.bank_account_id = l.account_id), now()) AS newest
      FROM unnest(${watched.map(({ account }) => account.id)}::uuid[], ${watched.map(({ state }) => state.id)}::uuid[])
        AS l(account_id, state_id)
    ), moved AS (
      UPDATE alert_states s SET watermark = GREATEST(s.watermark, look.newest) FROM look
      WHERE s.id = look.state_id RETURNING s.id
    )
    SELECT t.id FROM look
    JOIN alert_states s ON s.id = look.state_id
    JOIN transactions t ON t.bank_account_id = look.account_id
    WHERE t.created_at > s.watermark AND t.created_at <= look.newest
      AND t.date >= ${new Date(startOfUtcDay(now).getTime() - RECENT_TRANSACTION_DAYS * DAY_MS)}::date`;
  if (freshIds.length === 0) return news;
  const fresh = await tx.transaction.findMany({
    where: { id: { in: freshIds.map((row) => row.id) }, pending: false },
    orderBy: [{ date: "asc" }, { transactionId: "asc" }],
    select: { ...TRANSACTION_FIELDS, bankAccountId: true },
  });
  for (const { bankAccountId, ...transaction } of fresh) news.get(bankAccountId)?.push(transaction);
  return news;
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
