// The sandbox's liabilities: Plaid's shapes, due dates never in the past, statements and payments
// read from the history, overdue once a due day passes unpaid, and the same answer for the same input.
import type { AccountBase, Transaction } from "plaid";
import { describe, expect, it } from "vitest";
import { createSandboxAccounts } from "./accounts.ts";
import { formatDay, parseDay, toDayNumber } from "./dates.ts";
import { buildLiabilities, liabilityKindOf } from "./liabilities.ts";
import { nextDueDay, previousDueDay } from "./liability-schedule.ts";
import { expectPlaidShape } from "./test-support.ts";
import { generateTransactionHistory } from "./transactions.ts";

const createdAt = new Date("2026-11-10T15:30:00Z");

function sandbox(seed = 7) {
  const accounts = createSandboxAccounts({ seed });
  const transactions = generateTransactionHistory({ seed, accounts, anchor: createdAt });
  const bySubtype = (subtype: string) => accounts.find((account) => account.subtype === subtype) as AccountBase;
  return { seed, accounts, transactions, bySubtype };
}

const at = (now: string, input = sandbox()) =>
  buildLiabilities(input.accounts, {
    seed: input.seed,
    createdAt,
    now: new Date(now),
    transactions: input.transactions,
  });

describe("due days", () => {
  it("finds the next due day on or after today and the last one before it", () => {
    const day = (iso: string) => parseDay(iso);
    expect(formatDay(nextDueDay(day("2026-11-10"), 25))).toBe("2026-11-25");
    expect(formatDay(nextDueDay(day("2026-11-25"), 25))).toBe("2026-11-25");
    expect(formatDay(nextDueDay(day("2026-12-26"), 25))).toBe("2027-01-25");
    expect(formatDay(previousDueDay(day("2026-11-25"), 25))).toBe("2026-10-25");
    expect(formatDay(previousDueDay(day("2027-01-02"), 1))).toBe("2027-01-01");
  });
});

describe("buildLiabilities", () => {
  it("answers the card, the student loan and the mortgage in Plaid's shapes, and nothing else", () => {
    const input = sandbox();
    const liabilities = at("2026-11-10T18:00:00Z", input);
    expect(liabilities.credit).toHaveLength(1);
    expect(liabilities.student).toHaveLength(1);
    expect(liabilities.mortgage).toHaveLength(1);
    expectPlaidShape(liabilities.credit?.[0] as object, "CreditCardLiability");
    expectPlaidShape(liabilities.student?.[0] as object, "StudentLoan");
    expectPlaidShape(liabilities.mortgage?.[0] as object, "MortgageLiability");
    for (const apr of liabilities.credit?.[0]?.aprs ?? []) expectPlaidShape(apr, "APR");
    expect(input.accounts.filter((account) => liabilityKindOf(account)).map((account) => account.subtype)).toEqual([
      "credit card",
      "student",
      "mortgage",
    ]);
    const checking = input.accounts.filter((account) => account.subtype === "checking");
    expect(buildLiabilities(checking, { seed: 7, createdAt, now: createdAt, transactions: [] })).toEqual({
      credit: null,
      student: null,
      mortgage: null,
    });
  });

  it("reads the card's statement, minimum and last payment from its history, with its purchase APR", () => {
    const input = sandbox();
    const card = at("2026-11-10T18:00:00Z", input).credit?.[0];
    const cardId = input.bySubtype("credit card").account_id;
    const october = input.transactions.filter(
      (t) => t.account_id === cardId && t.date.startsWith("2026-10") && !t.pending && t.amount > 0,
    );
    const charges = Math.round(october.reduce((sum, t) => sum + t.amount * 100, 0)) / 100;
    expect(card).toMatchObject({
      account_id: cardId,
      last_statement_issue_date: "2026-10-31",
      last_statement_balance: charges,
      next_payment_due_date: "2026-11-25",
      is_overdue: false,
      // The history pays September's charges on October 20th.
      last_payment_date: "2026-10-20",
    });
    expect(card?.minimum_payment_amount).toBe(Math.max(25, Math.round(charges * 2) / 100));
    expect(card?.aprs.find((apr) => apr.apr_type === "purchase_apr")).toEqual({
      apr_type: "purchase_apr",
      apr_percentage: 12.5,
      balance_subject_to_apr: charges,
      interest_charge_amount: 0,
    });
  });

  it("keeps every next due date in the future as the clock moves, and is the same for the same input", () => {
    for (const now of [
      "2026-11-10T18:00:00Z",
      "2026-11-26T00:00:00Z",
      "2026-12-31T23:00:00Z",
      "2027-02-01T08:00:00Z",
    ]) {
      const liabilities = at(now);
      const today = formatDay(toDayNumber(new Date(now)));
      const dueDates = [
        liabilities.credit?.[0]?.next_payment_due_date,
        liabilities.student?.[0]?.next_payment_due_date,
        liabilities.mortgage?.[0]?.next_payment_due_date,
      ];
      for (const due of dueDates) expect(due && due >= today, `${due} on ${today}`).toBe(true);
      expect(at(now)).toEqual(liabilities);
    }
  });

  it("becomes overdue once a due day passes with no payment, and shows what is past due", () => {
    const fresh = at("2026-11-10T18:00:00Z");
    // A mortgage says it is late by its past-due amount (Plaid gives it no is_overdue).
    expect(fresh.mortgage?.[0]).toMatchObject({ past_due_amount: 0, current_late_fee: 0 });
    // The history ends on November 10th: no payment reaches the mortgage on December 1st.
    const late = at("2026-12-05T12:00:00Z");
    const mortgage = late.mortgage?.[0];
    expect(mortgage?.past_due_amount).toBe(mortgage?.next_monthly_payment);
    expect(mortgage?.current_late_fee).toBeGreaterThan(0);
    expect(fresh.student?.[0]?.is_overdue).toBe(false);
    // November 15th came after the history ended, unpaid.
    expect(at("2026-11-16T12:00:00Z").student?.[0]?.is_overdue).toBe(true);
  });

  it("takes the newest payment as the last one, and a loan's minimum from its balance and rate", () => {
    const input = sandbox();
    const loan = input.bySubtype("student");
    const payment: Transaction = {
      ...(input.transactions.find((t) => t.account_id === loan.account_id && t.amount < 0) as Transaction),
      transaction_id: "payment-now",
      amount: -1234.56,
      date: "2026-11-12",
    };
    const withPayment = { ...input, transactions: [...input.transactions, payment] };
    const student = at("2026-11-13T10:00:00Z", withPayment).student?.[0];
    expect(student).toMatchObject({ last_payment_amount: 1234.56, last_payment_date: "2026-11-12" });
    expect(student?.interest_rate_percentage).toBe(5.05);
    // A level payment over the months left repays the balance: more than the interest, less than the balance.
    const balance = loan.balances.current ?? 0;
    expect(student?.minimum_payment_amount).toBeGreaterThan((balance * 0.0505) / 12);
    expect(student?.minimum_payment_amount).toBeLessThan(balance / 12);
  });
});
