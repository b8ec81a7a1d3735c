// About two years of one person's banking, ending on the item's creation day: paychecks, mortgage and
// student loan, bills, savings, everyday card spending and travel. Deterministic for (seed, anchor).
import { type AccountBase, AccountSubtype, type Transaction, TransactionPaymentChannelEnum } from "plaid";
import { buildTransaction, type Confidence } from "./build-transaction.ts";
import { calendarOf, formatDay, toDayNumber, weekdayOf } from "./dates.ts";
import { getMerchant, type Merchant } from "./merchants.ts";
import { createRng, type Rng, roundMoney } from "./prng.ts";
import { drawConfidence, drawCount, drawPostingLag, SPENDING_STREAMS } from "./spending.ts";

export const HISTORY_DAYS = 730;

const ROLE_SUBTYPES = {
  checking: AccountSubtype.Checking,
  savings: AccountSubtype.Savings,
  cd: AccountSubtype.Cd,
  card: AccountSubtype.CreditCard,
  moneyMarket: AccountSubtype.MoneyMarket,
  studentLoan: AccountSubtype.Student,
  mortgage: AccountSubtype.Mortgage,
} as const;

export type AccountRole = keyof typeof ROLE_SUBTYPES;

/** The item's accounts by the part they play in the story; an absent one is simply left out. */
export function findAccountRoles(accounts: AccountBase[]): Partial<Record<AccountRole, AccountBase>> {
  const roles: Partial<Record<AccountRole, AccountBase>> = {};
  for (const [role, subtype] of Object.entries(ROLE_SUBTYPES) as Array<[AccountRole, AccountSubtype]>) {
    const account = accounts.find((candidate) => candidate.subtype === subtype);
    if (account) roles[role] = account;
  }
  return roles;
}

/** The loans' annual rates, behind their monthly interest lines (and /liabilities/get's rates). */
export const LOAN_RATES = { mortgage: 0.0325, studentLoan: 0.0505 } as const;

// Annual rates behind the monthly interest lines (the official names promise them).
const INTEREST_RATES: Array<[AccountRole, number]> = [
  ["savings", 0.001],
  ["cd", 0.002],
  ["moneyMarket", 0.0185],
];

type Emit = (
  role: AccountRole,
  merchantKey: string,
  amount: number,
  day: number,
  options?: { counterpart?: AccountRole; paymentMeta?: { ppd_id: string }; pending?: boolean },
) => void;

export function generateTransactionHistory({
  seed,
  accounts,
  anchor,
}: {
  seed: number;
  accounts: AccountBase[];
  /** The item's creation day: the newest transactions are dated on it. */
  anchor: Date;
}): Transaction[] {
  const anchorDay = toDayNumber(anchor);
  const firstDay = anchorDay - HISTORY_DAYS + 1;
  const rng = createRng(seed, "history", formatDay(anchorDay));
  const roles = findAccountRoles(accounts);
  const transactions: Transaction[] = [];
  const cardSpendByMonth = new Map<string, number>();

  const emit: Emit = (requestedRole, merchantKey, amount, day, options = {}) => {
    const merchant = getMerchant(merchantKey);
    const month = formatDay(day).slice(0, 7);
    const cardSpend = cardSpendByMonth.get(month) ?? 0;
    // Near the card's limit the person pays by debit card instead, so statements stay under it.
    const overLimit = cardSpend + amount > (roles.card?.balances.limit ?? Number.POSITIVE_INFINITY) * 0.9;
    const role = requestedRole === "card" && amount > 0 && overLimit ? "checking" : requestedRole;
    const account = roles[role];
    if (!account) return;
    // Card purchases post a few days after authorization; until then they are pending.
    const isCardPurchase = merchant.channel !== TransactionPaymentChannelEnum.Other;
    const postingDay = isCardPurchase ? day + drawPostingLag(rng) : day;
    const pending = options.pending ?? postingDay > anchorDay;
    const enriched = merchant.merchantName === null || rng.chance(0.97);
    const confidence: Confidence = drawConfidence(rng);
    transactions.push(
      buildTransaction({
        transactionId: rng.id(),
        account,
        merchant,
        amount: roundMoney(amount),
        day: pending ? day : postingDay,
        authorizedDay: day,
        pending,
        counterpartMask: options.counterpart ? (roles[options.counterpart]?.mask ?? null) : null,
        enriched,
        confidence,
        paymentMeta: options.paymentMeta,
      }),
    );
    if (role === "card" && amount > 0) cardSpendByMonth.set(month, roundMoney(cardSpend + amount));
  };

  const plan = drawPlan(rng);
  for (let day = firstDay; day <= anchorDay; day++) {
    emitScheduled({ day, firstDay, plan, rng, roles, emit, cardSpendByMonth });
    emitSpending({ day, rng, emit });
  }

  if (!transactions.some((transaction) => transaction.pending)) {
    // Plaid's sandbox always shows something still pending on the newest day.
    emit("card", "starbucks", rng.amount(getMerchant("starbucks").amount), anchorDay, { pending: true });
  }
  return transactions.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

type Plan = { salary: number; payFridayOffset: number; mortgage: number; studentLoan: number; saving: number };

// The person's fixed numbers, drawn once per item so every item's story differs a little.
function drawPlan(rng: Rng): Plan {
  return {
    salary: roundMoney(1950 + rng.int(0, 60000) / 100),
    payFridayOffset: rng.int(0, 1) * 7,
    mortgage: roundMoney(780 + rng.int(0, 14000) / 100),
    studentLoan: roundMoney(640 + rng.int(0, 12000) / 100),
    saving: rng.pick([300, 400, 500, 600]),
  };
}

function emitScheduled(input: {
  day: number;
  firstDay: number;
  plan: Plan;
  rng: Rng;
  roles: Partial<Record<AccountRole, AccountBase>>;
  emit: Emit;
  cardSpendByMonth: Map<string, number>;
}): void {
  const { day, firstDay, plan, rng, roles, emit } = input;
  const { year, month, dayOfMonth } = calendarOf(day);
  const lastOfMonth = calendarOf(day + 1).dayOfMonth === 1;

  // Biweekly Friday paycheck with a 3% raise each year of the history.
  const firstFriday = firstDay + ((5 - weekdayOf(firstDay) + 7) % 7) + plan.payFridayOffset;
  if (day >= firstFriday && (day - firstFriday) % 14 === 0) {
    const raises = Math.floor((day - firstDay) / 365);
    emit("checking", "payroll", -plan.salary * 1.03 ** raises, day, { paymentMeta: { ppd_id: "9101112131" } });
  }
  if (dayOfMonth === 1) {
    emit("checking", "mortgage-payment", plan.mortgage, day, { counterpart: "mortgage" });
    emit("mortgage", "loan-payment-received", -plan.mortgage, day);
    emit("mortgage", "loan-interest", ((roles.mortgage?.balances.current ?? 0) * LOAN_RATES.mortgage) / 12, day);
  }
  if (dayOfMonth === 2) emit("card", "touchstone", 104, day);
  if (dayOfMonth === 3) {
    emit("checking", "to-savings", plan.saving, day, { counterpart: "savings" });
    emit("savings", "from-checking", -plan.saving, day, { counterpart: "checking" });
  }
  if (dayOfMonth === 7) emit("card", "netflix", 15.49, day);
  if (dayOfMonth === 9) emit("checking", "comcast", 79.99, day);
  if (dayOfMonth === 11) emit("card", "spotify", 11.99, day);
  if (dayOfMonth === 12) emit("checking", "verizon", rng.amount(getMerchant("verizon").amount), day);
  if (dayOfMonth === 15) {
    emit("checking", "student-loan-payment", plan.studentLoan, day, { counterpart: "studentLoan" });
    emit("studentLoan", "loan-payment-received", -plan.studentLoan, day);
    emit(
      "studentLoan",
      "loan-interest",
      ((roles.studentLoan?.balances.current ?? 0) * LOAN_RATES.studentLoan) / 12,
      day,
    );
  }
  if (dayOfMonth === 18) {
    // Heating in winter, some cooling in late summer.
    const seasonal = 1 + 0.35 * Math.cos(((month - 1) / 12) * 2 * Math.PI);
    emit("checking", "pge", rng.amount(getMerchant("pge").amount) * seasonal, day);
  }
  if (dayOfMonth === 20) {
    const previous = formatDay(day - 25).slice(0, 7);
    const statement = input.cardSpendByMonth.get(previous) ?? 0;
    if (statement > 0) {
      emit("checking", "card-payment", statement, day, { counterpart: "card" });
      emit("card", "card-payment-received", -statement, day);
    }
  }
  if (dayOfMonth === 24 && month % 2 === 0) emit("checking", "sfpuc", rng.amount(getMerchant("sfpuc").amount), day);
  if (dayOfMonth === 26) emit("card", "geico", 96.2 + (year % 2) * 4.1, day);
  if (lastOfMonth) {
    for (const [role, rate] of INTEREST_RATES) {
      const balance = roles[role]?.balances.current ?? 0;
      emit(role, "interest", -Math.max(0.01, ((balance * rate) / 12) * (1 + rng.normal(0, 0.03))), day);
    }
  }
  if (rng.chance(0.012)) {
    const amount = rng.amount(getMerchant("to-checking").amount);
    emit("savings", "to-checking", amount, day, { counterpart: "checking" });
    emit("checking", "from-savings", -amount, day, { counterpart: "savings" });
  }
}

function emitSpending({ day, rng, emit }: { day: number; rng: Rng; emit: Emit }): void {
  const weekend = [0, 6].includes(weekdayOf(day));
  for (const stream of SPENDING_STREAMS) {
    const expected = (stream.perWeek / 7) * (weekend ? (stream.weekend ?? 1) : 1);
    for (let n = drawCount(rng, expected); n > 0; n--) {
      const merchant = getMerchant(rng.pick(stream.merchants));
      const amount = spendAmount(rng, merchant);
      emit(stream.role, merchant.key, stream.incoming ? -amount : amount, day);
    }
  }
}

function spendAmount(rng: Rng, merchant: Merchant): number {
  if (merchant.key === "atm") return rng.pick([40, 60, 80, 100, 120, 200]);
  return rng.amount(merchant.amount);
}
