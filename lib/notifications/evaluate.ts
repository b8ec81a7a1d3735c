// Runs the alert rules (rules/registry.ts) against one connection after each of its syncs and its ITEM
// webhooks. Each account is judged with its effective preferences (account row, global row,
// defaults). What each rule last saw is kept in alert_states, so a rule fires once per crossing and a
// transaction is looked at once; the notifications and their messages are written in the same
// transaction as the states, under a lock on the connection, so two evaluations never both fire.
import "server-only";
import { db, type Prisma } from "@/lib/db";
import { lockConnection } from "@/lib/db/locks";
import type { DeliveryChannel } from "@/lib/db/vocabulary";
import type { Preferences } from "@/lib/preferences";
import { resolvePreferences } from "@/lib/preferences";
import { asRuleState, keepState, loadStates, type StateRow } from "./alert-states";
import { type AlertToRecord, recordAlerts } from "./delivery/record";
import { loadHistory, TRANSACTIONS_STATE, takeNewTransactions } from "./new-transactions";
import type { AlertTransaction } from "./rules/alert-transaction";
import { ALERT_RULES } from "./rules/registry";
import type { AccountLabel, AlertAccount, AlertRuleDefinition } from "./rules/types";

type Tx = Prisma.TransactionClient;

export type EvaluationResult = {
  /** Notifications created by this evaluation (a repeat evaluation of the same events creates none). */
  notifications: number;
  /** Messages to send now (immediate frequency); digests wait for their period's end. */
  dueMessageIds: string[];
};

const NOTHING: EvaluationResult = { notifications: 0, dueMessageIds: [] };

export type AccountRow = AlertAccount & { name: string; mask: string | null; lastSyncAt: Date | null };

/**
 * Runs every rule for the connection's accounts and the connection rules for the connection. Safe to
 * call any number of times: what was already seen or notified is not notified again.
 */
export async function evaluateConnectionAlerts({
  connectionId,
  now = new Date(),
  accounts: evaluateAccounts = true,
  channels,
  rules = ALERT_RULES,
}: {
  connectionId: string;
  now?: Date;
  /** false: the connection rules only (an ITEM webhook changed the connection, not its data). */
  accounts?: boolean;
  /** The channels this server sends on (default: as configured). */
  channels?: ReadonlySet<DeliveryChannel>;
  /** The rules to run (default: the registry). */
  rules?: readonly AlertRuleDefinition[];
}): Promise<EvaluationResult> {
  return db.$transaction(
    async (tx) => {
      if (!(await lockConnection(tx, connectionId))) return NOTHING;
      const connection = await tx.plaidConnection.findUniqueOrThrow({
        where: { id: connectionId },
        select: {
          id: true,
          userId: true,
          institutionName: true,
          isActive: true,
          requiresReauth: true,
          lastError: true,
          accessEndsAt: true,
          consentExpiresAt: true,
          bankAccounts: { select: ALERT_ACCOUNT_FIELDS, orderBy: { createdAt: "asc" } },
        },
      });
      const preferencesOf = await loadPreferences(tx, connection.userId);
      const states = await loadStates(tx, {
        connectionId,
        accountIds: connection.bankAccounts.map((account) => account.id),
      });

      const alerts: AlertToRecord[] = [];
      const globalPreferences = preferencesOf(null);
      for (const rule of rules) {
        if (rule.scope !== "connection") continue;
        const row = states.find((state) => state.bankAccountId === null && state.rule === rule.stateKey) ?? null;
        const { next, alert } = rule.evaluate({ connection, previous: asRuleState(row), now });
        await keepState(tx, { subject: { plaidConnectionId: connectionId }, rule: rule.stateKey, row, next, now });
        if (alert && switchedOn(rule, globalPreferences)) {
          alerts.push({ ...alert, accountId: null, connectionId, preferences: globalPreferences });
        }
      }

      if (evaluateAccounts && connection.isActive) {
        const statesOf = (accountId: string) => states.filter((state) => state.bankAccountId === accountId);
        const news = await takeNewTransactions(tx, {
          looks: connection.bankAccounts.map((account) => ({
            account,
            state: transactionsState(statesOf(account.id)),
          })),
          now,
        });
        for (const account of connection.bankAccounts) {
          const preferences = preferencesOf(account.id);
          const fresh = news.get(account.id) ?? [];
          const found = await evaluateAccount(tx, {
            account,
            preferences,
            states: statesOf(account.id),
            rules,
            now,
            fresh,
          });
          // Hidden and inactive accounts keep their states moving but stay silent.
          if (preferences.hideAccount || !account.isActive) continue;
          for (const alert of found) alerts.push({ ...alert, accountId: account.id, connectionId: null, preferences });
        }
      }
      if (alerts.length === 0) return NOTHING;
      return recordAlerts(tx, { userId: connection.userId, alerts, now, channels });
    },
    { timeout: 30_000 },
  );
}

/** What the account rules read of an account. */
export const ALERT_ACCOUNT_FIELDS = {
  id: true,
  name: true,
  mask: true,
  type: true,
  isActive: true,
  currentBalance: true,
  availableBalance: true,
  isoCurrencyCode: true,
  lastSyncAt: true,
} as const satisfies Prisma.BankAccountSelect;

/** The person's effective preferences: an account's (null: the global ones), inherited and defaulted. */
export async function loadPreferences(tx: Tx, userId: string): Promise<(accountId: string | null) => Preferences> {
  const rows = await tx.bankingPreferences.findMany({ where: { userId } });
  const globalRow = rows.find((row) => row.bankAccountId === null) ?? null;
  return (accountId) =>
    resolvePreferences({
      account: accountId ? (rows.find((row) => row.bankAccountId === accountId) ?? null) : null,
      global: globalRow,
    }).values;
}

const transactionsState = (states: StateRow[]) => states.find((state) => state.rule === TRANSACTIONS_STATE) ?? null;

/** A rule with no switch is always on; otherwise its preference decides whether its alerts go out. */
function switchedOn(rule: AlertRuleDefinition, preferences: Preferences): boolean {
  return rule.settings === null || preferences[rule.settings.toggle];
}

export async function evaluateAccount(
  tx: Tx,
  {
    account,
    preferences,
    states,
    rules,
    now,
    fresh: given,
  }: {
    account: AccountRow;
    preferences: Preferences;
    states: StateRow[];
    rules: readonly AlertRuleDefinition[];
    now: Date;
    /** The account's new transactions, when the caller took them with other accounts' (takeNewTransactions). */
    fresh?: AlertTransaction[];
  },
): Promise<Pick<AlertToRecord, "content" | "dedupeKey">[]> {
  const found: Pick<AlertToRecord, "content" | "dedupeKey">[] = [];
  const label: AccountLabel = {
    id: account.id,
    name: preferences.accountAlias ?? account.name,
    mask: account.mask,
    currency: account.isoCurrencyCode,
  };
  const rowOf = (key: string) => states.find((state) => state.rule === key) ?? null;

  for (const rule of rules) {
    if (rule.scope !== "account") continue;
    const row = rowOf(rule.stateKey);
    const { next, alert } = rule.evaluate({ account, label, preferences, previous: asRuleState(row), now });
    await keepState(tx, { subject: { bankAccountId: account.id }, rule: rule.stateKey, row, next, now });
    if (alert && switchedOn(rule, preferences)) found.push(alert);
  }

  const fresh =
    given ??
    (await takeNewTransactions(tx, { looks: [{ account, state: transactionsState(states) }], now })).get(account.id) ??
    [];
  if (fresh.length === 0) return found;
  let history: Promise<AlertTransaction[]> | undefined;
  const loadOnce = () => {
    history ??= loadHistory(tx, { accountId: account.id, exclude: fresh, now });
    return history;
  };
  const taken = new Set<string>();
  for (const rule of rules) {
    if (rule.scope !== "transaction" || !switchedOn(rule, preferences)) continue;
    const open = fresh.filter((transaction) => !taken.has(transaction.transactionId));
    if (open.length === 0) break;
    for (const alert of await rule.evaluate({ label, preferences, transactions: open, history: loadOnce })) {
      taken.add(alert.transactionId);
      found.push({ content: alert.content, dedupeKey: alert.dedupeKey });
    }
  }
  return found;
}
