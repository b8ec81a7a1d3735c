// The debts: a student loan accruing interest daily and paid on the 10th, a mortgage amortizing on the
// 1st, and the mortgage's escrow account (the "other" account) filling monthly and paying tax and
// insurance. Balances are what is owed (loans) or held (escrow), in cents per day.
import "server-only";
import type { SeedDay } from "./calendar";

export const STUDENT_LOAN_PAYMENT_CENTS = 31_500;
export const STUDENT_LOAN_PAYMENT_DAY = 10;
const STUDENT_LOAN_OPENING_CENTS = 2_451_287;
const STUDENT_LOAN_RATE = 5.5;

const MORTGAGE_OPENING_CENTS = 30_184_512;
const MORTGAGE_RATE = 6.25;
/** Principal and interest on 318,000.00 over 30 years at 6.25%. */
const MORTGAGE_PAYMENT_CENTS = 195_799;
const ESCROW_MONTHLY_CENTS = 62_000;
const ESCROW_OPENING_CENTS = 290_000;
const PROPERTY_TAX_CENTS = 285_000;
const INSURANCE_CENTS = 148_000;

export interface LoanSeries {
  studentLoan: number[];
  mortgage: number[];
  escrow: number[];
  studentLoanPaymentDueCents: number;
  /** Principal, interest and escrow: what the servicer asks for each month. */
  mortgagePaymentDueCents: number;
}

export function simulateLoans(days: readonly SeedDay[]): LoanSeries {
  let student = STUDENT_LOAN_OPENING_CENTS;
  let mortgage = MORTGAGE_OPENING_CENTS;
  let escrow = ESCROW_OPENING_CENTS;
  const result: LoanSeries = {
    studentLoan: [],
    mortgage: [],
    escrow: [],
    studentLoanPaymentDueCents: STUDENT_LOAN_PAYMENT_CENTS,
    mortgagePaymentDueCents: MORTGAGE_PAYMENT_CENTS + ESCROW_MONTHLY_CENTS,
  };
  for (const day of days) {
    // Student loans accrue simple interest daily; the balance owed includes it.
    student += (student * STUDENT_LOAN_RATE) / 100 / 365;
    if (day.dayOfMonth === STUDENT_LOAN_PAYMENT_DAY) student -= STUDENT_LOAN_PAYMENT_CENTS;
    if (day.dayOfMonth === 1) {
      const interest = Math.round((mortgage * MORTGAGE_RATE) / 100 / 12);
      mortgage -= MORTGAGE_PAYMENT_CENTS - interest;
      escrow += ESCROW_MONTHLY_CENTS;
    }
    // Property tax in April and November, homeowner's insurance in July.
    if (day.dayOfMonth === 10 && (day.month === 3 || day.month === 10)) escrow -= PROPERTY_TAX_CENTS;
    if (day.dayOfMonth === 15 && day.month === 6) escrow -= INSURANCE_CENTS;
    result.studentLoan.push(Math.round(student));
    result.mortgage.push(mortgage);
    result.escrow.push(escrow);
  }
  return result;
}
