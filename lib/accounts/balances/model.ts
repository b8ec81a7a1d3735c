// A balance row's JSON shape, and the change from the previous balance computed exactly as the
// calculate_balance_change trigger does, so a preview in code matches what the database will store.
import "server-only";
import { type AccountBalanceModel as AccountBalance, Prisma } from "@/lib/db";
import { toMoneyString, toNullableMoneyString } from "@/lib/money/decimal";

export type BalanceChange = {
  previousAmount: Prisma.Decimal | null;
  changeAmount: Prisma.Decimal | null;
  changePercentage: number | null;
};

export type SerializedBalance = {
  id: string;
  bankAccountId: string;
  balanceType: string;
  amount: string;
  currency: string;
  asOfDate: string;
  isCurrent: boolean;
  source: string;
  previousAmount: string | null;
  changeAmount: string | null;
  changePercentage: number | null;
  metadata: Prisma.JsonValue;
  createdAt: string;
  updatedAt: string;
};

// Enough digits that truncating here never changes PostgreSQL's rounding (see divideLikePostgres).
const Exact = Prisma.Decimal.clone({ precision: 1000, rounding: Prisma.Decimal.ROUND_DOWN });

/**
 * numeric / numeric in PostgreSQL (select_div_scale in numeric.c): the quotient keeps at least 16
 * significant digits, estimated in base-10000 digits, and at least the inputs' scale (2 here), then
 * rounds half away from zero. Reproducing it lets the trigger's double match ours bit for bit.
 */
function divideLikePostgres(dividend: Prisma.Decimal, divisor: Prisma.Decimal): Prisma.Decimal {
  const base10000 = (value: Prisma.Decimal) => {
    if (value.isZero()) return { weight: 0, firstDigit: 0 };
    const weight = Math.floor(value.abs().e / 4);
    const firstDigit = value.abs().div(new Prisma.Decimal(10_000).pow(weight)).floor().toNumber();
    return { weight, firstDigit };
  };
  const a = base10000(dividend);
  const b = base10000(divisor);
  const quotientWeight = a.weight - b.weight - (a.firstDigit <= b.firstDigit ? 1 : 0);
  const scale = Math.min(Math.max(16 - quotientWeight * 4, 2), 1000);
  return new Exact(dividend).div(new Exact(divisor)).toDecimalPlaces(scale, Prisma.Decimal.ROUND_HALF_UP);
}

/**
 * The change from the previous balance of the same account and type. Across currencies, or with no
 * previous balance, nothing is computed; from a previous balance of zero the percentage is undefined.
 */
export function calculateChange({
  amount,
  currency,
  previous,
}: {
  amount: Prisma.Decimal;
  currency: string;
  previous: { amount: Prisma.Decimal; currency: string } | null;
}): BalanceChange {
  if (previous === null || previous.currency !== currency) {
    return { previousAmount: null, changeAmount: null, changePercentage: null };
  }
  const changeAmount = amount.minus(previous.amount);
  if (previous.amount.isZero()) return { previousAmount: previous.amount, changeAmount, changePercentage: null };
  const ratio = divideLikePostgres(changeAmount, previous.amount.abs()).times(100);
  // Number() of the decimal text rounds correctly, as PostgreSQL's numeric-to-double cast does.
  const changePercentage = ratio.isZero() ? 0 : Number(ratio.toFixed());
  return { previousAmount: previous.amount, changeAmount, changePercentage };
}

export function serializeBalance(row: AccountBalance): SerializedBalance {
  return {
    id: row.id,
    bankAccountId: row.bankAccountId,
    balanceType: row.balanceType,
    amount: toMoneyString(row.amount),
    currency: row.currency,
    asOfDate: row.asOfDate.toISOString(),
    isCurrent: row.isCurrent,
    source: row.source,
    previousAmount: toNullableMoneyString(row.previousAmount),
    changeAmount: toNullableMoneyString(row.changeAmount),
    changePercentage: row.changePercentage,
    metadata: row.metadata,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
