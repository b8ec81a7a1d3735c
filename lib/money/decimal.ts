// Money as Prisma.Decimal: parsing untrusted values into decimals, and the two ways money leaves the
// server (a fixed two-place string in JSON, a localized string for display). Never a JS float.
import "server-only";
import { Prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";

export type DecimalInput = string | number | Prisma.Decimal;

// Plain decimal notation only: decimal.js would also accept "0x1f", "1e5" and "Infinity".
const DECIMAL_PATTERN = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;

// numeric(15,2): 13 integer digits.
const MONEY_LIMIT = new Prisma.Decimal("1e13");

/** Parses a string, number or Decimal into a finite Decimal; NaN, Infinity and garbage throw. */
export function toDecimal(value: DecimalInput): Prisma.Decimal {
  if (Prisma.Decimal.isDecimal(value)) {
    const decimal = new Prisma.Decimal(value);
    if (!decimal.isFinite())
      throw new AppError("validation:invalid_amount", `Amount must be a finite number, got ${decimal}`);
    return decimal;
  }
  if (typeof value === "number") {
    if (!Number.isFinite(value))
      throw new AppError("validation:invalid_amount", `Amount must be a finite number, got ${value}`);
    return new Prisma.Decimal(value);
  }
  if (typeof value === "string") {
    const text = value.trim();
    if (!DECIMAL_PATTERN.test(text)) {
      throw new AppError(
        "validation:invalid_amount",
        `Amount must be a decimal number like "1500.00", got ${JSON.stringify(value)}`,
      );
    }
    return new Prisma.Decimal(text);
  }
  throw new AppError("validation:invalid_amount", `Amount must be a string, number or Decimal, got ${typeof value}`);
}

/**
 * Rounds to cents the way PostgreSQL stores numeric(15,2): half away from zero ("half-up"), and
 * rejects amounts the column cannot hold.
 */
export function toMoney(value: DecimalInput): Prisma.Decimal {
  const cents = toDecimal(value).toDecimalPlaces(2, Prisma.Decimal.ROUND_HALF_UP);
  if (cents.abs().gte(MONEY_LIMIT)) {
    throw new AppError(
      "validation:invalid_amount",
      `Amount ${cents.toFixed()} is out of range: at most 13 digits before the point`,
    );
  }
  return cents;
}

/** "1500.00": two places, rounded half away from zero, never "-0.00". */
export function toMoneyString(value: Prisma.Decimal): string {
  const text = value.toFixed(2, Prisma.Decimal.ROUND_HALF_UP);
  return /^-0\.00$/.test(text) ? "0.00" : text;
}

export function toNullableMoneyString(value: Prisma.Decimal | null): string | null {
  return value === null ? null : toMoneyString(value);
}

/**
 * A localized currency string. The exact decimal is handed to Intl as a string, so no float rounding
 * happens; Intl rounds to the currency's own minor units (JPY 0, USD 2), half away from zero.
 */
export function formatMoney({
  amount,
  currency,
  locale = "en-US",
}: {
  amount: DecimalInput;
  currency: string;
  locale?: string;
}): string {
  // "negative": an amount that rounds to zero shows as $0.00, not -$0.00.
  const formatter = new Intl.NumberFormat(locale, { style: "currency", currency, signDisplay: "negative" });
  return formatter.format(toDecimal(amount).toFixed() as `${number}`);
}
