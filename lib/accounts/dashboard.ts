// The accounts dashboard for one user: active connections with their accounts (each account's alias,
// colour, icon and hide preference applied), sync badges, and totals over the visible accounts.
import "server-only";
import { type BankAccountModel as BankAccount, db, Prisma } from "@/lib/db";
import { type ConvertedTotals, type CurrencyTotals, convertTotals } from "@/lib/fx";
import { type Preferences, resolvePreferences } from "@/lib/preferences";
import { type BankHealth, describeBankHealth } from "./bank-health";
import { accessEndingSoon, accessRevokedBy } from "./connection-access";
import { MANUAL_INSTITUTION_NAME } from "./manual/kinds";

const SYNC_RUNNING = ["pending", "in_progress"];
// Assets first, then debts; `other` (escrow, prepaid) holds money the user owns.
const TYPE_ORDER = ["depository", "investment", "other", "credit", "loan"];
const ASSET_TYPES = new Set(["depository", "investment", "other"]);
const LIABILITY_TYPES = new Set(["credit", "loan"]);

export type DashboardAccount = {
  id: string;
  /** The alias where the user set one, else the bank's name. */
  displayName: string;
  name: string;
  color: string | null;
  icon: string | null;
  mask: string | null;
  type: string;
  subtype: string | null;
  status: string;
  current: Prisma.Decimal | null;
  available: Prisma.Decimal | null;
  creditLimit: Prisma.Decimal | null;
  /** What is owed on a credit account (its current balance); null on other types. */
  creditUsed: Prisma.Decimal | null;
  hidden: boolean;
  lastSyncAt: Date | null;
  currency: string;
  institutionName: string;
  /** Added by hand (no bank connection, never synced): listed under "Manual accounts" with a badge. */
  manual: boolean;
};

export type DashboardInstitution = {
  connectionId: string;
  name: string;
  logo: string | null;
  primaryColor: string | null;
  requiresReauth: boolean;
  /** Plaid said the person has accounts at this bank not shared yet (NEW_ACCOUNTS_AVAILABLE). */
  newAccountsAvailable: boolean;
  /** When access to the bank ends, from 7 days before (a pending disconnect, an expiring consent). */
  accessEndsAt: Date | null;
  /** The revocation that stopped the connection (USER_PERMISSION_REVOKED...), or null. */
  revokedBy: string | null;
  lastSyncAt: Date | null;
  syncing: boolean;
  error: boolean;
  /** The bank's last update and trouble, from the item health check. */
  health: BankHealth;
  /** Visible accounts only; hidden ones are in `Dashboard.hidden`. */
  accounts: DashboardAccount[];
};

/**
 * Totals never mix currencies: one set per currency, and, when the person chose a display currency,
 * their sum converted into it (with the rate's day), or the reason it could not be.
 */
export type DashboardTotals = {
  byCurrency: CurrencyTotals[];
  /** The person's chosen display currency; null when they never set one (no conversion). */
  displayCurrency: string | null;
  converted: ConvertedTotals | null;
  /** Why totals stay per currency although a display currency is set ("No rate for GBP yet"). */
  notice: string | null;
};

export type Dashboard = {
  institutions: DashboardInstitution[];
  /** The visible manual accounts, their own group; hidden ones are in `hidden` with the rest. */
  manual: DashboardAccount[];
  hidden: DashboardAccount[];
  totals: DashboardTotals;
};

/**
 * Three queries whatever the number of accounts: connections with accounts and sync counts, manual
 * accounts, and preferences.
 */
export async function getDashboard({ userId, now = new Date() }: { userId: string; now?: Date }): Promise<Dashboard> {
  const [connections, preferenceRows, manualRows] = await Promise.all([
    db.plaidConnection.findMany({
      where: { userId, isActive: true },
      orderBy: [{ institutionName: "asc" }, { createdAt: "asc" }],
      select: {
        id: true,
        institutionName: true,
        institutionLogo: true,
        institutionPrimaryColor: true,
        requiresReauth: true,
        metadata: true,
        lastError: true,
        accessEndsAt: true,
        consentExpiresAt: true,
        errorCount: true,
        lastSyncAt: true,
        syncFrequency: true,
        bankLastUpdatedAt: true,
        institutionStatus: true,
        bankAccounts: { where: { userId, isActive: true }, orderBy: [{ name: "asc" }, { createdAt: "asc" }] },
        _count: { select: { transactionSyncs: { where: { status: { in: SYNC_RUNNING } } } } },
      },
    }),
    db.bankingPreferences.findMany({ where: { userId } }),
    db.bankAccount.findMany({
      where: { userId, plaidConnectionId: null, isActive: true },
      orderBy: [{ name: "asc" }, { createdAt: "asc" }],
    }),
  ]);

  const global = preferenceRows.find((row) => row.bankAccountId === null) ?? null;
  const byAccount = new Map(preferenceRows.map((row) => [row.bankAccountId, row]));
  const preferences = (accountId: string) =>
    resolvePreferences({ account: byAccount.get(accountId) ?? null, global }).values;
  const hidden: DashboardAccount[] = [];

  const institutions = connections.map((connection): DashboardInstitution => {
    const accounts = connection.bankAccounts.map((account) =>
      toDashboardAccount(account, { institutionName: connection.institutionName, preferences }),
    );
    hidden.push(...accounts.filter((account) => account.hidden));
    return {
      connectionId: connection.id,
      name: connection.institutionName,
      logo: connection.institutionLogo,
      primaryColor: connection.institutionPrimaryColor,
      requiresReauth: connection.requiresReauth,
      newAccountsAvailable:
        (connection.metadata as { new_accounts_available?: unknown }).new_accounts_available === true,
      accessEndsAt: accessEndingSoon(connection, now),
      revokedBy: accessRevokedBy(connection),
      lastSyncAt: connection.lastSyncAt,
      syncing: connection._count.transactionSyncs > 0,
      error: connection.errorCount > 0 || accounts.some((account) => account.status === "error"),
      health: describeBankHealth(connection),
      accounts: sortAccounts(accounts.filter((account) => !account.hidden)),
    };
  });

  const manual = manualRows.map((account) =>
    toDashboardAccount(account, { institutionName: MANUAL_INSTITUTION_NAME, preferences }),
  );
  hidden.push(...manual.filter((account) => account.hidden));
  const visibleManual = sortAccounts(manual.filter((account) => !account.hidden));

  const visible = [...institutions.flatMap((institution) => institution.accounts), ...visibleManual];
  const byCurrency = computeTotals(visible);
  // Only a currency the person chose converts; Mingus's own default is not a choice.
  const displayCurrency = global?.defaultCurrency ?? null;
  const { converted, notice } = displayCurrency
    ? await convertTotals({ totals: byCurrency, to: displayCurrency, day: now.toISOString().slice(0, 10) })
    : { converted: null, notice: null };
  return {
    institutions,
    manual: visibleManual,
    hidden: sortAccounts(hidden),
    totals: { byCurrency, displayCurrency, converted, notice },
  };
}

/** One account as the list shows it, with its alias, colour, icon and hide preference applied. */
function toDashboardAccount(
  account: BankAccount,
  { institutionName, preferences }: { institutionName: string; preferences: (accountId: string) => Preferences },
): DashboardAccount {
  const values = preferences(account.id);
  return {
    id: account.id,
    displayName: values.accountAlias ?? account.name,
    name: account.name,
    color: values.accountColor,
    icon: values.accountIcon,
    mask: account.mask,
    type: account.type,
    subtype: account.subtype,
    status: account.status,
    current: account.currentBalance,
    available: account.availableBalance,
    creditLimit: account.creditLimit,
    creditUsed: account.type === "credit" ? account.currentBalance : null,
    hidden: values.hideAccount,
    lastSyncAt: account.lastSyncAt,
    currency: account.isoCurrencyCode,
    institutionName,
    manual: account.plaidConnectionId === null,
  };
}

/**
 * Current balances summed by type, one set per currency (in code order): assets minus liabilities
 * (what credit and loan accounts owe). A closed account (no longer shared with Mingus) keeps its
 * history but no longer counts.
 */
export function computeTotals(
  accounts: Pick<DashboardAccount, "type" | "current" | "status" | "currency">[],
): CurrencyTotals[] {
  const byCurrency = new Map<string, { assets: Prisma.Decimal; liabilities: Prisma.Decimal }>();
  for (const { type, current, status, currency } of accounts) {
    if (current === null || status === "closed") continue;
    if (!ASSET_TYPES.has(type) && !LIABILITY_TYPES.has(type)) continue;
    const totals = byCurrency.get(currency) ?? { assets: new Prisma.Decimal(0), liabilities: new Prisma.Decimal(0) };
    if (ASSET_TYPES.has(type)) totals.assets = totals.assets.plus(current);
    else totals.liabilities = totals.liabilities.plus(current);
    byCurrency.set(currency, totals);
  }
  return [...byCurrency.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, { assets, liabilities }]) => ({
      currency,
      assets,
      liabilities,
      netWorth: assets.minus(liabilities),
    }));
}

function sortAccounts(accounts: DashboardAccount[]): DashboardAccount[] {
  const rank = (type: string) => {
    const index = TYPE_ORDER.indexOf(type);
    return index === -1 ? TYPE_ORDER.length : index;
  };
  // Stable sort: within a type, the query's order by bank name is kept.
  return accounts.toSorted((a, b) => rank(a.type) - rank(b.type));
}
