// The alert rules, run against one connection after each of its syncs (and its ITEM webhooks): the
// balance and low-balance thresholds, new posted transactions, unusual activity, and "needs
// reconnecting". Each account is judged with its effective preferences (account row, global row,
// defaults). What each rule last saw is kept in alert_states, so a rule fires once per crossing and a
// transaction is looked at once; the notifications and their messages are written in the same
// transaction as the states, under a lock on the connection, so two evaluations never both fire.
import "server-only";
import { db, type Prisma } from "@/lib/db";
import type { AlertRule, DeliveryChannel } from "@/lib/db/vocabulary";
import type { Preferences } from "@/lib/preferences/defaults";
import { resolvePreferences } from "@/lib/preferences/resolve";
import { type AlertToRecord, recordAlerts } from "./delivery/record";
import {
  type AccountLabel,
  balanceThresholdContent,
  lowBalanceContent,
  reconnectContent,
  transactionContent,
  unusualContent,
} from "./render";
import { evaluateBalanceThreshold, evaluateLowBalance, type ThresholdState } from "./rules/thresholds";
import { type AlertTransaction, selectTransactionAlerts } from "./rules/transactions";
import { detectUnusualActivity } from "./rules/unusual";

type Tx = Prisma.TransactionClient;

/** Transactions dated earlier than this are history arriving late (a backfill), never an alert. */
export const RECENT_TRANSACTION_DAYS = 30;
/** How far back unusual activity looks for what is usual. */
export const HISTORY_DAYS = 90;
const DAY_MS = 86_400_000;

export type EvaluationResult = {
  /** Notifications created by this evaluation (a repeat evaluation of the same events creates none). */
  notifications: number;
  /** Messages to send now (immediate frequency); digests wait for their period's end. */
  dueMessageIds: string[];
};

const NOTHING: EvaluationResult = { notifications: 0, dueMessageIds: [] };

type AccountRow = {
  id: string;
  name: string;
  mask: string | null;
  type: string;
  isActive: boolean;
  currentBalance: Prisma.Decimal | null;
  availableBalance: Prisma.Decimal | null;
  isoCurrencyCode: string;
  lastSyncAt: Date | null;
};

type StateRow = {
  id: string;
  bankAccountId: string | null;
  rule: string;
  state: string;
  threshold: Prisma.Decimal | null;
  watermark: Date | null;
};

/**
 * Runs every rule for the connection's accounts and the reconnect rule for the connection. Safe to
 * call any number of times: what was already seen or notified is not notified again.
 */
export async function evaluateConnectionAlerts({
  connectionId,
  now = new Date(),
  accounts: evaluateAccounts = true,
  channels,
}: {
  connectionId: string;
  now?: Date;
  /** false: the reconnect rule only (an ITEM webhook changed the connection, not its data). */
  accounts?: boolean;
  /** The channels this server sends on (default: as configured). */
  channels?: ReadonlySet<DeliveryChannel>;
}): Promise<EvaluationResult> {
  return db.$transaction(
    async (tx) => {
      const [locked] = await tx.$queryRaw<{ user_id: string }[]>`
        SELECT user_id FROM plaid_connections WHERE id = ${connectionId}::uuid FOR UPDATE`;
      if (!locked) return NOTHING;
      const connection = await tx.plaidConnection.findUniqueOrThrow({
        where: { id: connectionId },
        select: {
          id: true,
          userId: true,
          institutionName: true,
          isActive: true,
          requiresReauth: true,
          bankAccounts: {
            select: {
              id: true,
              name: true,
              mask: true,
              type: true,
              isActive: true,
              currentBalance: true,
              availableBalance: true,
              isoCurrencyCode: true,
              lastSyncAt: true,
            },
            orderBy: { createdAt: "asc" },
          },
        },
      });
      const preferenceRows = await tx.bankingPreferences.findMany({ where: { userId: connection.userId } });
      const globalRow = preferenceRows.find((row) => row.bankAccountId === null) ?? null;
      const preferencesOf = (accountId: string | null) =>
        resolvePreferences({
          account: accountId ? (preferenceRows.find((row) => row.bankAccountId === accountId) ?? null) : null,
          global: globalRow,
        }).values;
      const states = await tx.alertState.findMany({
        where: {
          OR: [
            { plaidConnectionId: connectionId },
            { bankAccountId: { in: connection.bankAccounts.map((account) => account.id) } },
          ],
        },
      });

      const alerts: AlertToRecord[] = [];
      const reconnect = await evaluateReconnect(tx, {
        connection,
        state: states.find((state) => state.bankAccountId === null && state.rule === "reconnect") ?? null,
        now,
      });
      if (reconnect) alerts.push({ ...reconnect, preferences: preferencesOf(null) });

      if (evaluateAccounts && connection.isActive) {
        for (const account of connection.bankAccounts) {
          const preferences = preferencesOf(account.id);
          const accountStates = states.filter((state) => state.bankAccountId === account.id);
          const found = await evaluateAccount(tx, { account, preferences, states: accountStates, now });
          // Hidden and inactive accounts keep their states moving but stay silent.
          if (preferences.hideAccount || !account.isActive) continue;
          for (const alert of found) alerts.push({ ...alert, preferences });
        }
      }
      if (alerts.length === 0) return NOTHING;
      return recordAlerts(tx, { userId: connection.userId, alerts, now, channels });
    },
    { timeout: 30_000 },
  );
}

type FoundAlert = Omit<AlertToRecord, "preferences">;

function labelOf(account: AccountRow, preferences: Preferences): AccountLabel {
  return {
    id: account.id,
    name: preferences.accountAlias ?? account.name,
    mask: account.mask,
    currency: account.isoCurrencyCode,
  };
}

/** "Needs reconnecting" fires once each time the connection starts needing it, whatever the alert toggles say. */
async function evaluateReconnect(
  tx: Tx,
  {
    connection,
    state,
    now,
  }: {
    connection: { id: string; institutionName: string; isActive: boolean; requiresReauth: boolean };
    state: StateRow | null;
    now: Date;
  },
): Promise<FoundAlert | null> {
  const wanted = connection.isActive && connection.requiresReauth ? "active" : "clear";
  if (state?.state === wanted) return null;
  const saved = await saveState(tx, {
    subject: { plaidConnectionId: connection.id },
    rule: "reconnect",
    state: wanted,
    changed: true,
    now,
  });
  if (wanted === "clear") return null;
  return {
    content: reconnectContent({ institutionName: connection.institutionName }),
    accountId: null,
    connectionId: connection.id,
    // One alert per episode: the state's change time names it.
    dedupeKey: `reconnect:${connection.id}:${saved.changedAt.toISOString()}`,
  };
}

async function evaluateAccount(
  tx: Tx,
  {
    account,
    preferences,
    states,
    now,
  }: { account: AccountRow; preferences: Preferences; states: StateRow[]; now: Date },
): Promise<FoundAlert[]> {
  const found: FoundAlert[] = [];
  const label = labelOf(account, preferences);
  const stateOf = (rule: AlertRule) => states.find((state) => state.rule === rule) ?? null;

  // Balance threshold: the current balance, either way across.
  const balanceState = stateOf("balance_threshold");
  const balance = evaluateBalanceThreshold({
    previous: asThresholdState(balanceState),
    balance: account.currentBalance,
    threshold: preferences.balanceThreshold,
  });
  await keepThresholdState(tx, {
    accountId: account.id,
    rule: "balance_threshold",
    row: balanceState,
    next: balance.next,
    now,
  });
  if (balance.crossed && preferences.balanceAlerts && account.currentBalance && balance.next) {
    found.push({
      content: balanceThresholdContent({
        account: label,
        balance: account.currentBalance,
        threshold: balance.next.threshold,
        direction: balance.crossed,
      }),
      accountId: account.id,
      connectionId: null,
      dedupeKey: `balance_threshold:${account.id}:${now.toISOString()}`,
    });
  }

  // Low balance: the available balance, else the current one, dropping below.
  const lowState = stateOf("low_balance");
  const lowBalanceValue = lowBalanceOf(account);
  const low = evaluateLowBalance({
    previous: asThresholdState(lowState),
    balance: lowBalanceValue,
    threshold: preferences.lowBalanceThreshold,
  });
  await keepThresholdState(tx, { accountId: account.id, rule: "low_balance", row: lowState, next: low.next, now });
  if (low.fell && preferences.lowBalanceAlert && lowBalanceValue && low.next) {
    found.push({
      content: lowBalanceContent({
        account: label,
        balance: lowBalanceValue,
        balanceKind: account.availableBalance ? "available" : "current",
        threshold: low.next.threshold,
      }),
      accountId: account.id,
      connectionId: null,
      dedupeKey: `low_balance:${account.id}:${now.toISOString()}`,
    });
  }

  found.push(...(await evaluateTransactions(tx, { account, label, preferences, state: stateOf("transactions"), now })));
  return found;
}

/**
 * The figure a low-balance alert watches: what can still be spent. On a credit card that is the
 * available credit (its current balance is what is owed, where lower is better); a loan has nothing
 * to run low on; anything else uses the available balance, else the current one.
 */
export function lowBalanceOf(
  account: Pick<AccountRow, "type" | "availableBalance" | "currentBalance">,
): Prisma.Decimal | null {
  if (account.type === "loan") return null;
  if (account.type === "credit") return account.availableBalance;
  return account.availableBalance ?? account.currentBalance;
}

function asThresholdState(row: StateRow | null): ThresholdState | null {
  if (!row?.threshold || (row.state !== "above" && row.state !== "below")) return null;
  return { state: row.state, threshold: row.threshold };
}

async function keepThresholdState(
  tx: Tx,
  {
    accountId,
    rule,
    row,
    next,
    now,
  }: { accountId: string; rule: AlertRule; row: StateRow | null; next: ThresholdState | null; now: Date },
): Promise<void> {
  if (!next) {
    if (row) await tx.alertState.delete({ where: { id: row.id } });
    return;
  }
  const changed = row?.state !== next.state || !row.threshold?.equals(next.threshold);
  if (!changed) return;
  await saveState(tx, {
    subject: { bankAccountId: accountId },
    rule,
    state: next.state,
    threshold: next.threshold,
    changed,
    now,
  });
}

/** New posted transactions since the watermark: transaction alerts and unusual activity. */
async function evaluateTransactions(
  tx: Tx,
  {
    account,
    label,
    preferences,
    state,
    now,
  }: { account: AccountRow; label: AccountLabel; preferences: Preferences; state: StateRow | null; now: Date },
): Promise<FoundAlert[]> {
  // Timestamps stay in SQL: created_at has microseconds, which a JavaScript Date would round away.
  const [mark] = await tx.$queryRaw<{ newest: string }[]>`
    SELECT COALESCE(MAX(created_at), now())::text AS newest FROM transactions
    WHERE bank_account_id = ${account.id}::uuid`;
  const newest = mark?.newest ?? now.toISOString();
  if (!state?.watermark) {
    // Until its first successful sync has brought its history in, an account has no news to tell:
    // the initial sync's two years of transactions are history, not alerts.
    if (!account.lastSyncAt) return [];
    // The first look after it: everything already here is history.
    await saveState(tx, {
      subject: { bankAccountId: account.id },
      rule: "transactions",
      state: "seen",
      changed: true,
      now,
    });
    await moveWatermark(tx, { accountId: account.id, to: newest });
    return [];
  }
  const since = RECENT_TRANSACTION_DAYS * DAY_MS;
  const freshIds = await tx.$queryRaw<{ id: string }[]>`
    SELECT t.id FROM transactions t, alert_states s
    WHERE s.id = ${state.id}::uuid AND t.bank_account_id = ${account.id}::uuid
      AND t.created_at > s.watermark AND t.created_at <= ${newest}::timestamptz
      AND t.date >= ${new Date(startOfUtcDay(now).getTime() - since)}::date`;
  await moveWatermark(tx, { accountId: account.id, to: newest });
  if (freshIds.length === 0) return [];
  const fresh = await tx.transaction.findMany({
    where: { id: { in: freshIds.map((row) => row.id) } },
    orderBy: [{ date: "asc" }, { transactionId: "asc" }],
    select: TRANSACTION_FIELDS,
  });
  const posted = fresh.filter((transaction) => !transaction.pending);
  if (posted.length === 0) return [];

  const unusual = preferences.unusualActivityAlerts
    ? detectUnusualActivity({
        transactions: posted,
        history: await loadHistory(tx, { accountId: account.id, exclude: posted, now }),
      })
    : new Map();
  const found: FoundAlert[] = [];
  for (const [transactionId, finding] of unusual) {
    const transaction = posted.find((candidate) => candidate.transactionId === transactionId);
    if (!transaction) continue;
    found.push({
      content: unusualContent({ account: label, transaction, finding }),
      accountId: account.id,
      connectionId: null,
      dedupeKey: `unusual:${transactionId}`,
    });
  }
  if (preferences.transactionNotifications) {
    const selected = selectTransactionAlerts({
      transactions: posted,
      threshold: preferences.largeTransactionThreshold,
    });
    for (const transaction of selected) {
      // The unusual-activity alert already says everything about this transaction, and why.
      if (unusual.has(transaction.transactionId)) continue;
      found.push({
        content: transactionContent({ account: label, transaction, threshold: preferences.largeTransactionThreshold }),
        accountId: account.id,
        connectionId: null,
        // The posted transaction's own id: a pending one that posts never alerted, so this is its one alert.
        dedupeKey: `transaction:${transaction.transactionId}`,
      });
    }
  }
  return found;
}

/** Never backwards: a watermark only moves to a newer transaction. */
async function moveWatermark(tx: Tx, { accountId, to }: { accountId: string; to: string }): Promise<void> {
  await tx.$executeRaw`
    UPDATE alert_states SET watermark = GREATEST(watermark, ${to}::timestamptz)
    WHERE bank_account_id = ${accountId}::uuid AND rule = 'transactions'`;
}

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

async function loadHistory(
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

async function saveState(
  tx: Tx,
  {
    subject,
    rule,
    state,
    threshold = null,
    changed,
    now,
  }: {
    subject: { bankAccountId: string } | { plaidConnectionId: string };
    rule: AlertRule;
    state: string;
    threshold?: Prisma.Decimal | null;
    /** Whether the state changed (changed_at moves). */
    changed: boolean;
    now: Date;
  },
): Promise<{ changedAt: Date }> {
  const key =
    "bankAccountId" in subject
      ? { bankAccountId_rule: { bankAccountId: subject.bankAccountId, rule } }
      : { plaidConnectionId_rule: { plaidConnectionId: subject.plaidConnectionId, rule } };
  const row = await tx.alertState.upsert({
    where: key,
    create: { ...subject, rule, state, threshold, changedAt: now },
    update: { state, threshold, ...(changed ? { changedAt: now } : {}) },
    select: { changedAt: true },
  });
  return row;
}
