// What an alert rule is. Each rule is one file in this folder exporting one definition: the kind of
// notification it makes, the preference fields that turn it on and tune it, its `evaluate`, and the
// words its alerts are sent with. evaluate.ts runs every rule the registry lists; the rules themselves
// are pure (no database), so each is tested on its own.
import type { Prisma } from "@/lib/db";
import type { AlertStateValue } from "@/lib/db/vocabulary";
import type { Preferences } from "@/lib/preferences";

export type AlertData = Record<string, string | number | boolean | null>;

/** What an alert says: a title, what happened, why it was flagged, and the same facts machine-readable. */
export type AlertContent = {
  kind: string;
  title: string;
  body: string;
  reason: string | null;
  /** Money as fixed two-place strings, snake_case keys; `summary` is the one-line form SMS and digests use. */
  data: AlertData;
};

/** A row of `transactions` as the rules see it. Plaid's sign: amount > 0 is a charge, < 0 money in. */
export type AlertTransaction = {
  /** transactions.id */
  id: string;
  /** Plaid's transaction_id; a posted transaction that replaced a pending one has its own. */
  transactionId: string;
  amount: Prisma.Decimal;
  /** A DATE column: UTC midnight of the calendar day. */
  date: Date;
  name: string;
  merchantName: string | null;
  categoryPrimary: string | null;
  pending: boolean;
  isoCurrencyCode: string;
};

/** The account as alerts name it: `name` is already the person's alias where they set one. */
export type AccountLabel = { id: string; name: string; mask: string | null; currency: string };

/** An account's figures as the rules read them. */
export type AlertAccount = {
  id: string;
  type: string;
  isActive: boolean;
  currentBalance: Prisma.Decimal | null;
  availableBalance: Prisma.Decimal | null;
  isoCurrencyCode: string;
};

export type AlertConnection = {
  id: string;
  institutionName: string;
  isActive: boolean;
  requiresReauth: boolean;
  lastError: string | null;
  /** When access to the bank ends (plaid_connections.access_ends_at, consent_expires_at). */
  accessEndsAt: Date | null;
  consentExpiresAt: Date | null;
};

/** What a rule saw last (its alert_states row): a state from the schema's vocabulary, and its threshold. */
export type RuleState = { state: AlertStateValue; threshold: Prisma.Decimal | null };

/** An alert a rule found; the dedupe key names the event, so the same event is one notification. */
export type FoundAlert = { content: AlertContent; dedupeKey: string };

type PreferenceToggle = { [K in keyof Preferences]: Preferences[K] extends boolean ? K : never }[keyof Preferences];
type PreferenceAmount = {
  [K in keyof Preferences]: Preferences[K] extends Prisma.Decimal | null ? K : never;
}[keyof Preferences];

/** How the rule appears in settings: its on/off switch and, when it has one, the amount that tunes it. */
export type RuleSettings = {
  toggle: PreferenceToggle;
  label: string;
  hint: string;
  threshold: PreferenceAmount | null;
  amountLabel: string | null;
};

type RuleBase<Kind extends string> = {
  /** notifications.kind of the alerts it makes. */
  kind: Kind;
  /** The kind's short name in the notification list ("Low balance"). */
  label: string;
  /** How digests count it: one, many ("1 low-balance alert", "3 low-balance alerts"). */
  nouns: readonly [string, string];
  /** Its preference fields; null when it is always on (a connection needing its login). */
  settings: RuleSettings | null;
};

/** Judges one account after each sync; its state moves even while it is switched off, so turning it on never replays old news. */
export type AccountRule<Kind extends string = string> = RuleBase<Kind> & {
  scope: "account";
  /** alert_states.rule: where its state is kept. */
  stateKey: string;
  evaluate: (input: {
    account: AlertAccount;
    label: AccountLabel;
    preferences: Preferences;
    previous: RuleState | null;
    now: Date;
  }) => { next: RuleState | null; alert: FoundAlert | null };
};

/** Judges the connection itself (its login, its consent). */
export type ConnectionRule<Kind extends string = string> = RuleBase<Kind> & {
  scope: "connection";
  stateKey: string;
  evaluate: (input: { connection: AlertConnection; previous: RuleState | null; now: Date }) => {
    next: RuleState | null;
    alert: FoundAlert | null;
  };
};

/**
 * Judges an account's new posted transactions (each looked at once). Runs only while switched on; a
 * transaction an earlier rule in the registry alerted on is not passed to later ones, so one
 * transaction makes one alert, from the most specific rule.
 */
export type TransactionRule<Kind extends string = string> = RuleBase<Kind> & {
  scope: "transaction";
  evaluate: (input: {
    label: AccountLabel;
    preferences: Preferences;
    transactions: AlertTransaction[];
    /** The account's posted transactions of the days before the new ones, loaded on first call. */
    history: () => Promise<AlertTransaction[]>;
  }) => Promise<(FoundAlert & { transactionId: string })[]>;
};

export type AlertRuleDefinition = AccountRule | ConnectionRule | TransactionRule;
