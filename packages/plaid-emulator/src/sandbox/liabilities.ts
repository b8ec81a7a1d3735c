// /liabilities/get's figures for the sandbox's credit card, student loan and mortgage, in Plaid's
// schema. Rates come from the account's terms (the card's official name, the loans' LOAN_RATES); dates
// from the clock (the next due date is never in the past); a card's statement from its last month's
// charges (what the sandbox history pays in full), a loan's from its balance; payments, overdue state
// and year-to-date interest from the account's transactions. Deterministic for its input.
import {
  type AccountBase,
  AccountSubtype,
  AccountType,
  APRAprTypeEnum,
  type CreditCardLiability,
  type LiabilitiesObject,
  type MortgageLiability,
  type StudentLoan,
  StudentLoanStatusTypeEnum,
  StudentRepaymentPlanTypeEnum,
} from "plaid";
import { formatDay, toDayNumber } from "./dates.ts";
import {
  addMonths,
  amortizedPayment,
  cycleCharges,
  interestBetween,
  type LedgerTransaction,
  lastPaymentOf,
  lastStatementDay,
  monthsBetween,
  nextDueDay,
  owedAtEndOf,
  paidBetween,
  postedOf,
  previousDueDay,
  yearToDate,
} from "./liability-schedule.ts";
import { createRng, roundMoney } from "./prng.ts";
import { LOAN_RATES } from "./transactions.ts";

export type LiabilityKind = "credit" | "student" | "mortgage";

/** Which of Plaid's liability lists an account belongs in, or null when it has none. */
export function liabilityKindOf(account: Pick<AccountBase, "type" | "subtype">): LiabilityKind | null {
  if (account.type === AccountType.Credit && account.subtype === AccountSubtype.CreditCard) return "credit";
  if (account.type === AccountType.Loan && account.subtype === AccountSubtype.Student) return "student";
  if (account.type === AccountType.Loan && account.subtype === AccountSubtype.Mortgage) return "mortgage";
  return null;
}

// Due days of the month: the card's 25th, the student loan's 15th, the mortgage's 1st (the days the
// sandbox history pays them on or before).
const DUE_DAY: Record<LiabilityKind, number> = { credit: 25, student: 15, mortgage: 1 };
const CARD_APRS = { fallbackPurchase: 19.99, balanceTransfer: 15.24, cash: 27.99 };
const CARD_MINIMUM_FLOOR = 25;
const STUDENT_TERM_MONTHS = 120;
const MORTGAGE_TERM_MONTHS = 360;

export type LiabilityInput = {
  /** The item's seed: account numbers, escrow and the like. */
  seed: number;
  /** When the item was created: the loans' origination dates count back from it. */
  createdAt: Date;
  now: Date;
  /** The item's live transactions: the liability accounts' at least. */
  transactions: LedgerTransaction[];
};

type Context = LiabilityInput & { today: number; account: AccountBase; posted: LedgerTransaction[] };

/** The liabilities of the accounts given (those without any are skipped); null lists where none. */
export function buildLiabilities(accounts: AccountBase[], input: LiabilityInput): LiabilitiesObject {
  const credit: CreditCardLiability[] = [];
  const student: StudentLoan[] = [];
  const mortgage: MortgageLiability[] = [];
  const today = toDayNumber(input.now);
  for (const account of accounts) {
    const context: Context = { ...input, today, account, posted: postedOf(input.transactions, account.account_id) };
    const kind = liabilityKindOf(account);
    if (kind === "credit") credit.push(creditCard(context));
    if (kind === "student") student.push(studentLoan(context));
    if (kind === "mortgage") mortgage.push(mortgageLoan(context));
  }
  const orNull = <T>(list: T[]) => (list.length > 0 ? list : null);
  return { credit: orNull(credit), student: orNull(student), mortgage: orNull(mortgage) };
}

/** Overdue: a due day has passed with no payment in the month before it. */
function isOverdue({ today, posted }: Context, kind: LiabilityKind, owed: number): boolean {
  if (owed <= 0) return false;
  const due = previousDueDay(today, DUE_DAY[kind]);
  return !paidBetween(posted, previousDueDay(due, DUE_DAY[kind]), due);
}

function creditCard(context: Context): CreditCardLiability {
  const { account, posted, today } = context;
  const statementDay = lastStatementDay(today);
  const statement = cycleCharges(posted, lastStatementDay(statementDay), statementDay);
  const minimum = statement <= 0 ? 0 : Math.min(statement, Math.max(CARD_MINIMUM_FLOOR, roundMoney(statement * 0.02)));
  const purchaseApr = Number(/([\d.]+)% APR/.exec(account.official_name ?? "")?.[1] ?? CARD_APRS.fallbackPurchase);
  const payment = lastPaymentOf(posted);
  return {
    account_id: account.account_id,
    aprs: [
      {
        apr_type: APRAprTypeEnum.PurchaseApr,
        apr_percentage: purchaseApr,
        balance_subject_to_apr: Math.max(0, statement),
        interest_charge_amount: interestBetween(posted, lastStatementDay(statementDay), statementDay),
      },
      {
        apr_type: APRAprTypeEnum.BalanceTransferApr,
        apr_percentage: CARD_APRS.balanceTransfer,
        balance_subject_to_apr: 0,
        interest_charge_amount: 0,
      },
      {
        apr_type: APRAprTypeEnum.CashApr,
        apr_percentage: CARD_APRS.cash,
        balance_subject_to_apr: 0,
        interest_charge_amount: 0,
      },
    ],
    is_overdue: isOverdue(context, "credit", statement),
    last_payment_amount: payment?.amount ?? null,
    last_payment_date: payment?.date ?? null,
    last_statement_issue_date: formatDay(statementDay),
    last_statement_balance: statement,
    minimum_payment_amount: minimum,
    next_payment_due_date: formatDay(nextDueDay(today, DUE_DAY.credit)),
  };
}

/** A loan's terms: originated `yearsBefore` the item, repaid level over `termMonths`. */
function loanTerms(context: Context, kind: "student" | "mortgage", yearsBefore: number, termMonths: number) {
  const { account, posted, today, createdAt } = context;
  const current = account.balances.current ?? 0;
  const origination = addMonths(toDayNumber(createdAt), -12 * yearsBefore);
  const maturity = addMonths(origination, termMonths) - 1;
  const nextDue = nextDueDay(today, DUE_DAY[kind]);
  const rate = kind === "student" ? LOAN_RATES.studentLoan : LOAN_RATES.mortgage;
  const payment = amortizedPayment(current, rate, monthsBetween(nextDue, maturity) + 1);
  const statementDay = lastStatementDay(today);
  return {
    rate,
    origination,
    maturity,
    nextDue,
    payment,
    statementDay,
    statementBalance: owedAtEndOf(current, posted, statementDay),
    // The balance at origination is not in two years of history; a principal the level payments fit.
    originalPrincipal: roundMoney(
      Math.ceil(current / (1 - monthsBetween(origination, today) / termMonths / 2) / 500) * 500,
    ),
    overdue: isOverdue(context, kind, current),
    last: lastPaymentOf(posted),
    ytd: yearToDate(posted, today),
  };
}

function accountNumber(context: Context, salt: string): string {
  const rng = createRng(context.seed, "liabilities", salt);
  return `${rng.int(1000, 9999)}${rng.int(100000, 999999)}${context.account.mask ?? "0000"}`;
}

function studentLoan(context: Context): StudentLoan {
  const terms = loanTerms(context, "student", 4, STUDENT_TERM_MONTHS);
  const sinceLastPayment = terms.last ? context.today - toDayNumber(new Date(`${terms.last.date}T00:00:00Z`)) : 30;
  const current = context.account.balances.current ?? 0;
  return {
    account_id: context.account.account_id,
    account_number: accountNumber(context, "student"),
    disbursement_dates: [formatDay(terms.origination)],
    expected_payoff_date: formatDay(terms.maturity),
    guarantor: "DEPT OF ED",
    interest_rate_percentage: roundMoney(terms.rate * 100),
    is_overdue: terms.overdue,
    last_payment_amount: terms.last?.amount ?? null,
    last_payment_date: terms.last?.date ?? null,
    last_statement_balance: terms.statementBalance,
    last_statement_issue_date: formatDay(terms.statementDay),
    loan_name: "Consolidation",
    loan_status: { end_date: formatDay(terms.maturity), type: StudentLoanStatusTypeEnum.Repayment },
    minimum_payment_amount: terms.payment,
    next_payment_due_date: formatDay(terms.nextDue),
    origination_date: formatDay(terms.origination),
    origination_principal_amount: terms.originalPrincipal,
    outstanding_interest_amount: roundMoney((current * terms.rate * Math.max(0, sinceLastPayment)) / 365),
    payment_reference_number: accountNumber(context, "student-reference"),
    pslf_status: { estimated_eligibility_date: null, payments_made: null, payments_remaining: null },
    repayment_plan: { description: "Standard Repayment", type: StudentRepaymentPlanTypeEnum.Standard },
    sequence_number: "1",
    servicer_address: {
      city: "Pittsburgh",
      region: "PA",
      street: "123 Main Street",
      postal_code: "15212",
      country: "US",
    },
    ytd_interest_paid: terms.ytd.interest,
    ytd_principal_paid: terms.ytd.principal,
  };
}

function mortgageLoan(context: Context): MortgageLiability {
  const terms = loanTerms(context, "mortgage", 7, MORTGAGE_TERM_MONTHS);
  const rng = createRng(context.seed, "liabilities", "mortgage");
  return {
    account_id: context.account.account_id,
    account_number: accountNumber(context, "mortgage"),
    current_late_fee: terms.overdue ? roundMoney(terms.payment * 0.05) : 0,
    escrow_balance: roundMoney(rng.int(150_000, 400_000) / 100),
    has_pmi: false,
    has_prepayment_penalty: false,
    interest_rate: { percentage: roundMoney(terms.rate * 100), type: "fixed" },
    last_payment_amount: terms.last?.amount ?? null,
    last_payment_date: terms.last?.date ?? null,
    loan_type_description: "conventional",
    loan_term: "30 year",
    maturity_date: formatDay(terms.maturity),
    next_monthly_payment: terms.payment,
    next_payment_due_date: formatDay(terms.nextDue),
    origination_date: formatDay(terms.origination),
    origination_principal_amount: terms.originalPrincipal,
    past_due_amount: terms.overdue ? terms.payment : 0,
    property_address: {
      city: "Malakoff",
      country: "US",
      postal_code: "14236",
      region: "NY",
      street: "2992 Cameron Road",
    },
    ytd_interest_paid: terms.ytd.interest,
    ytd_principal_paid: terms.ytd.principal,
  };
}
