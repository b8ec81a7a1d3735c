// calculateChange must agree with the calculate_balance_change trigger on every row it writes:
// the previous amount, the change and the percentage, to the last bit of the double.
import { describe, expect, it } from "vitest";
import { type AccountBalanceModel, db, Prisma } from "@/lib/db";
import { createBalance, createUserWithAccount } from "@/lib/test/factories";
import { calculateChange } from "./model";

const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 0, minute));

function stored(row: AccountBalanceModel) {
  return {
    previousAmount: row.previousAmount?.toFixed(2) ?? null,
    changeAmount: row.changeAmount?.toFixed(2) ?? null,
    changePercentage: row.changePercentage,
  };
}

function computed(row: AccountBalanceModel, previous: AccountBalanceModel | null) {
  const change = calculateChange({ amount: row.amount, currency: row.currency, previous });
  return {
    previousAmount: change.previousAmount?.toFixed(2) ?? null,
    changeAmount: change.changeAmount?.toFixed(2) ?? null,
    changePercentage: change.changePercentage,
  };
}

// [case, previous amount, previous currency, new amount, new currency, expected percentage]
const CASES: [string, string, string, string, string, number | null][] = [
  ["rise", "1500.00", "USD", "1600.00", "USD", 6.666666666666667],
  ["fall", "100.00", "USD", "50.00", "USD", -50],
  ["no change", "42.42", "USD", "42.42", "USD", 0],
  ["from zero", "0.00", "USD", "10.00", "USD", null],
  ["to zero", "10.00", "USD", "0.00", "USD", -100],
  ["zero to zero", "0.00", "USD", "0.00", "USD", null],
  ["negative, rising", "-100.00", "USD", "-50.00", "USD", 50],
  ["negative, falling", "-100.00", "USD", "-150.00", "USD", -50],
  ["sign change upward", "-100.00", "USD", "25.00", "USD", 125],
  ["sign change downward", "100.00", "USD", "-25.00", "USD", -125],
  ["repeating quotient", "3.00", "USD", "4.00", "USD", 33.333333333333336],
  ["tiny previous", "0.01", "USD", "9999999999999.99", "USD", 99999999999999800],
  // PostgreSQL keeps only 16 significant digits of this quotient; a float division would not agree.
  ["huge previous", "9999999999999.99", "USD", "0.01", "USD", -99.9999999999999],
  ["currency mismatch", "100.00", "USD", "120.00", "EUR", null],
];

describe("calculateChange against the trigger", () => {
  it.each(CASES)("%s: %s %s -> %s %s", async (_name, previousAmount, previousCurrency, amount, currency, percent) => {
    const { account } = await createUserWithAccount();
    const previous = await createBalance({
      bankAccountId: account.id,
      amount: previousAmount,
      currency: previousCurrency,
      asOfDate: at(0),
    });
    const row = await createBalance({ bankAccountId: account.id, amount, currency, asOfDate: at(1) });

    expect(computed(row, previous)).toEqual(stored(row));
    expect(row.changePercentage).toBe(percent);
  });

  it("a first balance has no previous amount, change or percentage in either", async () => {
    const { account } = await createUserWithAccount();
    const row = await createBalance({ bankAccountId: account.id, amount: "10.00" });
    expect(stored(row)).toEqual({ previousAmount: null, changeAmount: null, changePercentage: null });
    expect(computed(row, null)).toEqual(stored(row));
  });

  it("agrees on a long run of seeded random amounts of every magnitude and sign", async () => {
    const { account } = await createUserWithAccount();
    const random = seededRandom(20_261_123);
    let previous: AccountBalanceModel | null = null;
    for (let index = 0; index < 150; index++) {
      const row: AccountBalanceModel = await createBalance({
        bankAccountId: account.id,
        amount: randomAmount(random),
        asOfDate: at(index),
      });
      expect(computed(row, previous), `row ${index}: ${previous?.amount} -> ${row.amount}`).toEqual(stored(row));
      previous = row;
    }
    const rows = await db.accountBalance.count({
      where: { bankAccountId: account.id, changePercentage: { not: null } },
    });
    expect(rows).toBeGreaterThan(100);
  });
});

/** mulberry32: reproducible, so a disagreement can be replayed. */
function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Whole cents with 1 to 15 digits, either sign, now and then exactly zero. */
function randomAmount(random: () => number): string {
  if (random() < 0.05) return "0.00";
  const length = 1 + Math.floor(random() * 15);
  let cents = String(1 + Math.floor(random() * 9));
  while (cents.length < length) cents += String(Math.floor(random() * 10));
  const sign = random() < 0.3 ? "-" : "";
  return new Prisma.Decimal(`${sign}${cents}`).div(100).toFixed(2);
}
