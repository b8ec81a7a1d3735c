// The whole demo data set as plain values, before any database is involved: every account with its
// daily balances and the figures its bank row shows, the transactions and each connection's syncs.
// Same `now`, same plan: nothing here reads the clock or Math.random.
import "server-only";
import { buildCalendar, type SeedDay } from "./calendar";
import { ACCOUNTS, type AccountKey, type DemoAccount, type DemoInstitution, INSTITUTIONS } from "./catalog";
import { simulateHousehold } from "./household";
import { simulateInvestments } from "./investments";
import type { AccountSeries, SeedTransaction } from "./ledger";
import { simulateLoans } from "./loans";
import { buildSyncHistory, type ConnectionSyncState, type SeedSync } from "./sync-history";

export interface PlannedAccount {
  definition: DemoAccount;
  series: AccountSeries;
  /** What the bank row shows, in cents; equal to the last day of `series`. */
  currentCents: number;
  availableCents: number | null;
  creditLimitCents: number | null;
  paymentDueCents: number | null;
}

export interface PlannedConnection {
  institution: DemoInstitution;
  syncs: SeedSync[];
  state: ConnectionSyncState;
}

export interface DemoPlan {
  now: Date;
  days: SeedDay[];
  accounts: PlannedAccount[];
  transactions: SeedTransaction[];
  connections: PlannedConnection[];
}

const last = (values: readonly number[] | undefined): number | null => values?.at(-1) ?? null;

export function buildDemoPlan({ now }: { now: Date }): DemoPlan {
  const days = buildCalendar(now);
  const household = simulateHousehold(days);
  const loans = simulateLoans(days);
  const investments = simulateInvestments(days);
  const series = new Map<AccountKey, AccountSeries>(household.series);
  series.set("ira", { current: investments.ira });
  series.set("401k", { current: investments.k401 });
  series.set("student-loan", { current: loans.studentLoan });
  series.set("mortgage", { current: loans.mortgage });
  series.set("escrow", { current: loans.escrow });
  const paymentDue: Partial<Record<AccountKey, number>> = {
    "credit-card": household.cardPaymentDueCents,
    "student-loan": loans.studentLoanPaymentDueCents,
    mortgage: loans.mortgagePaymentDueCents,
  };
  const pendingCardSpend = household.transactions
    .filter((txn) => txn.accountKey === "credit-card" && txn.pending && txn.amountCents > 0)
    .reduce((sum, txn) => sum + txn.amountCents, 0);

  const accounts = ACCOUNTS.map((definition): PlannedAccount => {
    const accountSeries = series.get(definition.key);
    const currentCents = last(accountSeries?.current);
    if (!accountSeries || currentCents === null) throw new Error(`No balance history for ${definition.key}`);
    const creditLimitCents = last(accountSeries.creditLimit);
    return {
      definition,
      series: accountSeries,
      currentCents,
      // A card's available credit is its limit less what is owed and what is authorized.
      availableCents:
        creditLimitCents !== null ? creditLimitCents - currentCents - pendingCardSpend : last(accountSeries.available),
      creditLimitCents,
      paymentDueCents: paymentDue[definition.key] ?? null,
    };
  });

  const connections = INSTITUTIONS.map((institution): PlannedConnection => {
    const { syncs, state } = buildSyncHistory({
      institution,
      accounts: ACCOUNTS.filter((account) => account.connection === institution.key).map((account) => account.key),
      transactions: household.transactions,
      now,
    });
    return { institution, syncs, state };
  });

  return { now, days, accounts, transactions: household.transactions, connections };
}
