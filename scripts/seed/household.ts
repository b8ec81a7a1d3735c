// The First Platypus and Tattersall cash accounts as one household: paydays, rent and bills through
// checking, daily card spending paid off monthly, surplus swept into savings, interest on the savings
// products. Produces their transactions and, from the same postings, their daily balances.
import "server-only";
import { isBiweeklyFriday, type SeedDay } from "./calendar";
import type { AccountKey } from "./catalog";
import { type AccountSeries, Ledger, type SeedTransaction } from "./ledger";
import { STUDENT_LOAN_PAYMENT_CENTS, STUDENT_LOAN_PAYMENT_DAY } from "./loans";
import * as m from "./merchants";
import { createRandom, type Random } from "./random";

const PAYROLL_CENTS = 301_540;
const RENT_CENTS = 185_000;
const SWEEP_ABOVE_CENTS = 600_000;
const SWEEP_KEEP_CENTS = 400_000;
const OVERDRAFT_FLOOR_CENTS = 30_000;
const STATEMENT_DAY = 5;
const CARD_PAYMENT_DAY = 28;
const CREDIT_LIMIT_CENTS = 500_000;
const RAISED_CREDIT_LIMIT_CENTS = 750_000;
/** The day (index) the card issuer raised the limit. */
const LIMIT_RAISE_DAY = 200;

const RATES: Partial<Record<AccountKey, number>> = { savings: 4.1, cd: 5, "money-market": 4.25 };

export interface HouseholdResult {
  transactions: SeedTransaction[];
  series: Map<AccountKey, AccountSeries>;
  /** The card statement balance still to be paid at the end of the last day. */
  cardPaymentDueCents: number;
}

/** A few purchases a day, more at weekends; card purchases post one or two days after authorization. */
function spendOnDay(ledger: Ledger, key: AccountKey, day: SeedDay, random: Random, merchants: typeof m.CARD_MERCHANTS) {
  const count = random.int(0, 2) + random.int(0, 1) + (day.isWeekend ? 1 : 0);
  for (let i = 0; i < count; i++) {
    const { weight: _weight, min, max, ...template } = random.weighted(merchants);
    ledger.record(key, day, random.cents(min, max), template, random.int(1, 2));
  }
}

export function simulateHousehold(days: readonly SeedDay[]): HouseholdResult {
  const ledger = new Ledger(days, [
    { key: "checking", side: "asset", openingCents: 324_067 },
    { key: "savings", side: "asset", openingCents: 1_240_000 },
    { key: "cd", side: "asset", openingCents: 1_000_000 },
    { key: "money-market", side: "asset", openingCents: 4_320_000 },
    { key: "credit-card", side: "liability", openingCents: 124_018 },
  ]);
  const debit = createRandom("checking-spending");
  const card = createRandom("card-spending");
  const bills = createRandom("bills");
  const deposits = createRandom("money-market-deposits");
  let statementDue = ledger.balance("credit-card");
  const creditLimit: number[] = [];

  for (const day of days) {
    ledger.openDay(day);
    const dom = day.dayOfMonth;

    if (isBiweeklyFriday(day)) ledger.record("checking", day, -PAYROLL_CENTS, m.PAYROLL);
    if (dom === 1) ledger.record("checking", day, RENT_CENTS, m.RENT);
    if (dom === STUDENT_LOAN_PAYMENT_DAY)
      ledger.record("checking", day, STUDENT_LOAN_PAYMENT_CENTS, m.STUDENT_LOAN_PAYMENT);
    if (dom === 12) ledger.record("checking", day, 7_999, m.INTERNET);
    // Electricity peaks in summer and winter.
    const season = Math.abs(Math.cos(((day.month + 0.5) / 12) * 2 * Math.PI));
    if (dom === 20)
      ledger.record("checking", day, Math.round(6_500 + season * 9_000) + bills.int(0, 1_500), m.ELECTRIC);
    if (dom === 3) ledger.record("credit-card", day, 2_499, m.GYM, 1);
    if (dom === 9) ledger.record("credit-card", day, 1_549, m.NETFLIX, 1);
    if (dom === 17) ledger.record("credit-card", day, 1_199, m.SPOTIFY, 1);
    if (dom === 22) ledger.record("credit-card", day, 8_500 + bills.int(0, 900), m.PHONE, 1);
    spendOnDay(ledger, "checking", day, debit, m.DEBIT_MERCHANTS);
    spendOnDay(ledger, "credit-card", day, card, m.CARD_MERCHANTS);

    if (dom === STATEMENT_DAY) statementDue = ledger.balance("credit-card");
    if (dom === CARD_PAYMENT_DAY && statementDue > 0) {
      ledger.record("checking", day, statementDue, m.CARD_AUTOPAY);
      ledger.record("credit-card", day, -statementDue, m.CARD_PAYMENT_RECEIVED);
      statementDue = 0;
    }
    if ((dom === 2 || dom === 16) && ledger.balance("checking") > SWEEP_ABOVE_CENTS) {
      const sweep = Math.floor((ledger.balance("checking") - SWEEP_KEEP_CENTS) / 10_000) * 10_000;
      ledger.record("checking", day, sweep, m.TO_SAVINGS);
      ledger.record("savings", day, -sweep, m.FROM_CHECKING);
    }
    if (ledger.balance("checking") < OVERDRAFT_FLOOR_CENTS) {
      ledger.record("savings", day, 100_000, m.TO_CHECKING);
      ledger.record("checking", day, -100_000, m.FROM_SAVINGS);
    }
    if (dom === 20 && deposits.chance(0.35))
      ledger.record("money-market", day, -deposits.cents(500, 2_500), m.MM_DEPOSIT);
    if (day.isLastOfMonth) {
      for (const [key, rate] of Object.entries(RATES) as [AccountKey, number][]) {
        const interest = Math.round((ledger.balance(key) * rate) / 100 / 12);
        if (interest > 0) ledger.record(key, day, -interest, m.INTEREST);
      }
    }
    creditLimit.push(day.index < LIMIT_RAISE_DAY ? CREDIT_LIMIT_CENTS : RAISED_CREDIT_LIMIT_CENTS);
    ledger.closeDay();
  }

  const series = new Map<AccountKey, AccountSeries>();
  for (const [key, current] of ledger.current) {
    series.set(key, { current, available: ledger.available.get(key) });
  }
  const cardSeries = series.get("credit-card");
  if (cardSeries) cardSeries.creditLimit = creditLimit;
  return { transactions: ledger.finish(), series, cardPaymentDueCents: statementDue };
}
