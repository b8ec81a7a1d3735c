// The calendar and the ledger behind a liability: due days, statement days, an account's balance on a
// past day (its current balance less what posted since), its payments and the interest it was charged.
// Everything is read from the account's own transactions, so /liabilities/get agrees with
// /accounts/get and /transactions/sync.
import type { PersonalFinanceCategory, Transaction } from "plaid";
import { calendarOf, formatDay, parseDay } from "./dates.ts";
import { roundMoney } from "./prng.ts";

const DAY_MS = 86_400_000;

/** What the ledger reads of a transaction (Plaid's Transaction has all of it): a long history is read as this. */
export type LedgerTransaction = Pick<Transaction, "account_id" | "pending" | "date" | "amount"> & {
  personal_finance_category?: Pick<PersonalFinanceCategory, "primary" | "detailed"> | null;
};

/** The day number of year-month-dayOfMonth; months past 12 or below 1 roll into the next or last year. */
export function dayOf(year: number, month: number, dayOfMonth: number): number {
  return Math.floor(Date.UTC(year, month - 1, dayOfMonth) / DAY_MS);
}

/** The first `dueDay` of a month (1..28) on or after `today`. */
export function nextDueDay(today: number, dueDay: number): number {
  const { year, month, dayOfMonth } = calendarOf(today);
  return dayOfMonth <= dueDay ? dayOf(year, month, dueDay) : dayOf(year, month + 1, dueDay);
}

/** The last `dueDay` of a month strictly before `today`. */
export function previousDueDay(today: number, dueDay: number): number {
  const { year, month, dayOfMonth } = calendarOf(today);
  return dayOfMonth > dueDay ? dayOf(year, month, dueDay) : dayOf(year, month - 1, dueDay);
}

/** The last day of the month before `today`'s: the day the last monthly statement closed. */
export function lastStatementDay(today: number): number {
  const { year, month } = calendarOf(today);
  return dayOf(year, month, 1) - 1;
}

/** `months` calendar months after (or before, when negative) the first of `day`'s month. */
export function addMonths(day: number, months: number): number {
  const { year, month } = calendarOf(day);
  return dayOf(year, month + months, 1);
}

export function monthsBetween(from: number, to: number): number {
  const a = calendarOf(from);
  const b = calendarOf(to);
  return (b.year - a.year) * 12 + (b.month - a.month);
}

/** An account's posted transactions, oldest first; one day's keep the order the bank booked them in. */
export function postedOf<T extends LedgerTransaction>(transactions: T[], accountId: string): T[] {
  return transactions
    .filter((transaction) => transaction.account_id === accountId && !transaction.pending)
    .sort((a, b) => a.date.localeCompare(b.date));
}

/**
 * What was owed at the end of `day`: the current balance less what posted after it (on a card or a
 * loan a positive amount raises what is owed, a payment lowers it).
 */
export function owedAtEndOf(current: number, posted: LedgerTransaction[], day: number): number {
  const after = posted.filter((transaction) => parseDay(transaction.date) > day);
  return roundMoney(current - after.reduce((sum, transaction) => sum + transaction.amount, 0));
}

const isPayment = (transaction: LedgerTransaction) =>
  transaction.amount < 0 && transaction.personal_finance_category?.primary === "LOAN_PAYMENTS";

const isInterest = (transaction: LedgerTransaction) =>
  transaction.amount > 0 && transaction.personal_finance_category?.detailed === "BANK_FEES_INTEREST_CHARGE";

/** The newest payment received on the account (amount as a positive figure), or null. */
export function lastPaymentOf(posted: LedgerTransaction[]): { amount: number; date: string } | null {
  const payment = posted.filter(isPayment).at(-1);
  return payment ? { amount: roundMoney(-payment.amount), date: payment.date } : null;
}

/** Whether a payment arrived in (from, to], days inclusive of `to`. */
export function paidBetween(posted: LedgerTransaction[], from: number, to: number): boolean {
  return posted.some((transaction) => {
    const day = parseDay(transaction.date);
    return isPayment(transaction) && day > from && day <= to;
  });
}

/** Interest charged and principal repaid in `today`'s calendar year. */
export function yearToDate(posted: LedgerTransaction[], today: number): { interest: number; principal: number } {
  const year = formatDay(today).slice(0, 4);
  const thisYear = posted.filter((transaction) => transaction.date.startsWith(year));
  const interest = thisYear.filter(isInterest).reduce((sum, transaction) => sum + transaction.amount, 0);
  const paid = thisYear.filter(isPayment).reduce((sum, transaction) => sum - transaction.amount, 0);
  return { interest: roundMoney(interest), principal: roundMoney(Math.max(0, paid - interest)) };
}

/**
 * What a card's statement for (from, to] comes to: the cycle's purchases less its refunds (payments
 * settle earlier statements), never below zero. The sandbox history pays exactly this on the 20th.
 */
export function cycleCharges(posted: LedgerTransaction[], from: number, to: number): number {
  const inCycle = posted.filter((transaction) => {
    const day = parseDay(transaction.date);
    return !isPayment(transaction) && day > from && day <= to;
  });
  return roundMoney(
    Math.max(
      0,
      inCycle.reduce((sum, transaction) => sum + transaction.amount, 0),
    ),
  );
}

/** Interest charged on the account in (from, to]. */
export function interestBetween(posted: LedgerTransaction[], from: number, to: number): number {
  return roundMoney(
    posted
      .filter((transaction) => isInterest(transaction))
      .filter((transaction) => parseDay(transaction.date) > from && parseDay(transaction.date) <= to)
      .reduce((sum, transaction) => sum + transaction.amount, 0),
  );
}

/** The level monthly payment that repays `principal` at `annualRate` over `months`. */
export function amortizedPayment(principal: number, annualRate: number, months: number): number {
  if (principal <= 0) return 0;
  const n = Math.max(1, months);
  const rate = annualRate / 12;
  return roundMoney(rate === 0 ? principal / n : (principal * rate) / (1 - (1 + rate) ** -n));
}
