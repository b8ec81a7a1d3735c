import { describe, expect, it } from "vitest";
import { Prisma } from "@/lib/db";
import type { AlertTransaction } from "./alert-transaction";
import { detectUnusualActivity } from "./unusual-detector";

let sequence = 0;

/** A posted USD transaction; `date` is a calendar day, as a DATE column arrives (UTC midnight). */
function txn({
  amount,
  date = "2026-11-23",
  merchant = null,
  name,
  category = null,
  pending = false,
  currency = "USD",
}: {
  amount: string;
  date?: string;
  merchant?: string | null;
  name?: string;
  category?: string | null;
  pending?: boolean;
  currency?: string;
}): AlertTransaction {
  sequence += 1;
  return {
    id: `row-${sequence}`,
    transactionId: `txn-${sequence}`,
    amount: new Prisma.Decimal(amount),
    date: new Date(`${date}T00:00:00Z`),
    name: name ?? merchant?.toUpperCase() ?? "UNKNOWN",
    merchantName: merchant,
    categoryPrimary: category,
    pending,
    isoCurrencyCode: currency,
  };
}

/** `amounts` at one merchant, one a day going back from Nov 20, 2026. */
function charges(merchant: string, category: string | null, amounts: string[]): AlertTransaction[] {
  return amounts.map((amount, index) =>
    txn({
      amount,
      merchant,
      category,
      date: `2026-${index < 10 ? "11" : "10"}-${String(20 - (index % 10)).padStart(2, "0")}`,
    }),
  );
}

/**
 * A steady 90 days: coffee around $50 (median $50.00), groceries around $70 (category general
 * merchandise: median $70.00 over 7 charges), fuel around $40, a paycheck. 16 charges, median $53.50.
 */
function steadyHistory(): AlertTransaction[] {
  return [
    ...charges("Blue Bottle", "FOOD_AND_DRINK", ["45.00", "48.00", "50.00", "50.00", "52.00", "55.00"]),
    ...charges("Safeway", "GENERAL_MERCHANDISE", ["60.00", "65.00", "70.00", "72.00", "75.00", "80.00"]),
    ...charges("Target", "GENERAL_MERCHANDISE", ["70.00"]),
    ...charges("Shell", "TRANSPORTATION", ["38.00", "40.00", "42.00"]),
    txn({ amount: "-2500.00", merchant: "Acme Payroll", date: "2026-11-15" }),
    txn({ amount: "-2500.00", merchant: "Acme Payroll", date: "2026-10-31" }),
  ];
}

function detect(transactions: AlertTransaction[], history: AlertTransaction[] = steadyHistory()) {
  return detectUnusualActivity({ transactions, history });
}

describe("detectUnusualActivity on a steady history", () => {
  it("finds nothing in ordinary new transactions", () => {
    const findings = detect([
      txn({ amount: "51.00", merchant: "Blue Bottle", category: "FOOD_AND_DRINK" }),
      txn({ amount: "74.00", merchant: "Safeway", category: "GENERAL_MERCHANDISE" }),
      txn({ amount: "41.00", merchant: "Shell", category: "TRANSPORTATION" }),
      txn({ amount: "12.00", merchant: "Corner Bakery", category: "FOOD_AND_DRINK" }),
      txn({ amount: "-2500.00", merchant: "Acme Payroll" }),
    ]);
    expect(findings.size).toBe(0);
  });

  it("finds nothing without any history: a new account has nothing to be unusual against", () => {
    expect(detect([txn({ amount: "5000.00", merchant: "Apple Store" })], []).size).toBe(0);
  });

  it("is deterministic", () => {
    const history = steadyHistory();
    const transactions = [
      txn({ amount: "420.00", merchant: "Blue Bottle" }),
      txn({ amount: "900.00", merchant: "Apple" }),
    ];
    expect([...detect(transactions, history)]).toEqual([...detect(transactions, history)]);
  });
});

describe("merchant_amount", () => {
  it("flags an amount far above the merchant's median, with the reason", () => {
    const charge = txn({ amount: "420.00", merchant: "Blue Bottle", category: "FOOD_AND_DRINK" });
    expect(detect([charge]).get(charge.transactionId)).toEqual({
      rule: "merchant_amount",
      reason: "$420.00 at Blue Bottle is 8.4× your usual $50.00 there (median of 6 charges in the last 90 days).",
    });
  });

  it("fires at exactly three times the median, not a cent below", () => {
    const at = txn({ amount: "150.00", merchant: "Blue Bottle" });
    const below = txn({ amount: "149.99", merchant: "Blue Bottle" });
    const findings = detect([at, below]);
    expect(findings.get(at.transactionId)?.reason).toContain("is 3× your usual $50.00");
    expect(findings.has(below.transactionId)).toBe(false);
  });

  it("needs the amount to be at least $50 above the median, so small sums stay quiet", () => {
    const history = charges("City Parking", null, ["10.00", "10.00", "10.00"]);
    const small = txn({ amount: "59.99", merchant: "City Parking" }); // 6× but only $49.99 more
    const enough = txn({ amount: "60.00", merchant: "City Parking" });
    const findings = detect([small, enough], history);
    expect(findings.has(small.transactionId)).toBe(false);
    expect(findings.get(enough.transactionId)?.rule).toBe("merchant_amount");
  });

  it("groups a merchant by its normalised raw name when Plaid has no merchant name", () => {
    const history = ["0412", "0413", "0501"].map((store) => txn({ amount: "20.00", name: `SQ *JOES PIZZA ${store}` }));
    const charge = txn({ amount: "120.00", name: "SQ *JOES PIZZA 0999" });
    expect(detect([charge], history).get(charge.transactionId)?.reason).toBe(
      "$120.00 at SQ *JOES PIZZA 0999 is 6× your usual $20.00 there (median of 3 charges in the last 90 days).",
    );
  });

  it("once the merchant has enough history, judges by it alone, not by the category", () => {
    // The category's median is $20, but this merchant is always around $200: $250 is ordinary here.
    const history = [
      ...charges("Cheap Eats", "FOOD_AND_DRINK", ["20.00", "20.00", "20.00", "20.00", "20.00", "20.00", "20.00"]),
      ...charges("Steakhouse", "FOOD_AND_DRINK", ["190.00", "200.00", "210.00"]),
    ];
    expect(detect([txn({ amount: "250.00", merchant: "Steakhouse", category: "FOOD_AND_DRINK" })], history).size).toBe(
      0,
    );
  });
});

describe("category_amount", () => {
  it("flags an amount far above the category's median when the merchant has little history", () => {
    const charge = txn({ amount: "280.00", merchant: "Target", category: "GENERAL_MERCHANDISE" });
    expect(detect([charge]).get(charge.transactionId)).toEqual({
      rule: "category_amount",
      reason:
        "$280.00 at Target is 4× your usual $70.00 for general merchandise (median of 7 charges in the last 90 days).",
    });
  });

  it("does not fire a cent below four times the median", () => {
    expect(detect([txn({ amount: "279.99", merchant: "Target", category: "GENERAL_MERCHANDISE" })]).size).toBe(0);
  });

  it("needs five charges in the category", () => {
    const history = charges("Shell", "TRANSPORTATION", ["40.00", "40.00", "40.00", "40.00"]);
    expect(detect([txn({ amount: "400.00", merchant: "Chevron", category: "TRANSPORTATION" })], history).size).toBe(0);
    const five = [
      ...history,
      txn({ amount: "40.00", merchant: "Arco", category: "TRANSPORTATION", date: "2026-09-01" }),
    ];
    const charge = txn({ amount: "400.00", merchant: "Chevron", category: "TRANSPORTATION" });
    expect(detect([charge], five).get(charge.transactionId)?.rule).toBe("category_amount");
  });

  it("comes before new_merchant for a first charge that is also far above its category", () => {
    const charge = txn({ amount: "900.00", merchant: "Whole Foods", category: "GENERAL_MERCHANDISE" });
    expect(detect([charge]).get(charge.transactionId)?.rule).toBe("category_amount");
  });
});

describe("new_merchant", () => {
  it("flags a first large charge from a merchant, with the reason", () => {
    const charge = txn({ amount: "2500.00", merchant: "Apple Store", category: "GENERAL_MERCHANDISE_ELECTRONICS" });
    expect(detect([charge]).get(charge.transactionId)).toEqual({
      rule: "new_merchant",
      reason: "First charge from Apple Store in 90 days, and at $2,500.00 it is 46.7× your typical charge of $53.50.",
    });
  });

  it("needs at least $200, or three times the account's median charge when that is more", () => {
    expect(detect([txn({ amount: "199.99", merchant: "Apple Store" })]).size).toBe(0);
    expect(detect([txn({ amount: "200.00", merchant: "Apple Store" })]).size).toBe(1);

    const pricey = charges("Landlord", null, ["100.00", "100.00", "100.00", "100.00", "100.00"]).concat(
      charges("Utility", null, ["100.00", "100.00", "100.00", "100.00", "100.00"]),
    );
    expect(detect([txn({ amount: "299.99", merchant: "Apple Store" })], pricey).size).toBe(0);
    expect(detect([txn({ amount: "300.00", merchant: "Apple Store" })], pricey).size).toBe(1);
  });

  it("stays quiet while the account has fewer than ten charges of history", () => {
    const nine = charges("Blue Bottle", null, ["5.00", "5.00", "5.00", "5.00", "5.00", "5.00", "5.00", "5.00", "5.00"]);
    expect(detect([txn({ amount: "2500.00", merchant: "Apple Store" })], nine).size).toBe(0);
    const ten = [...nine, txn({ amount: "5.00", merchant: "Blue Bottle", date: "2026-09-01" })];
    expect(detect([txn({ amount: "2500.00", merchant: "Apple Store" })], ten).size).toBe(1);
  });

  it("does not count a merchant seen once before as new", () => {
    const history = [...steadyHistory(), txn({ amount: "30.00", merchant: "Apple Store", date: "2026-09-01" })];
    expect(detect([txn({ amount: "2500.00", merchant: "Apple Store" })], history).size).toBe(0);
  });

  it("flags only the first of several new charges at the same new merchant", () => {
    const first = txn({ amount: "800.00", merchant: "Apple Store", date: "2026-11-21" });
    const second = txn({ amount: "900.00", merchant: "Apple Store", date: "2026-11-22" });
    const findings = detect([second, first]);
    expect([...findings.keys()]).toEqual([first.transactionId]);
  });

  it("never treats a transaction as part of its own history", () => {
    const charge = txn({ amount: "2500.00", merchant: "Apple Store" });
    expect(detect([charge], [...steadyHistory(), charge]).get(charge.transactionId)?.rule).toBe("new_merchant");
  });
});

describe("burst", () => {
  const day = (amount: string, merchant = "Shell") => txn({ amount, merchant, category: "TRANSPORTATION" });

  it("flags four charges at one merchant on one day, once, on the latest", () => {
    const burst = [day("40.00"), day("41.00"), day("39.00"), day("40.00")];
    const findings = detect(burst);
    expect([...findings]).toEqual([
      [
        burst[3]?.transactionId,
        { rule: "burst", reason: "4 charges from Shell on Nov 23, 2026; usually at most 1 a day." },
      ],
    ]);
  });

  it("does not fire on three", () => {
    expect(detect([day("40.00"), day("40.00"), day("40.00")]).size).toBe(0);
  });

  it("counts the day's charges already in the history", () => {
    const earlier = [day("40.00"), day("40.00")];
    const burst = [day("40.00"), day("40.00")];
    const findings = detect(burst, [...steadyHistory(), ...earlier]);
    expect(findings.get(burst[1]?.transactionId ?? "")?.reason).toBe(
      "4 charges from Shell on Nov 23, 2026; usually at most 1 a day.",
    );
  });

  it("does not report a burst again once the history already holds it", () => {
    const reported = [day("40.00"), day("40.00"), day("40.00"), day("40.00")];
    expect(detect([day("40.00")], [...steadyHistory(), ...reported]).size).toBe(0);
  });

  it("does not fire at a merchant where several charges a day are normal", () => {
    const busyDay = ["10.00", "10.00", "10.00"].map((amount) => txn({ amount, merchant: "Shell", date: "2026-10-02" }));
    expect(
      detect([day("40.00"), day("40.00"), day("40.00"), day("40.00")], [...steadyHistory(), ...busyDay]).size,
    ).toBe(0);
    const twoADay = busyDay.slice(1);
    expect(
      detect([day("40.00"), day("40.00"), day("40.00"), day("40.00")], [...steadyHistory(), ...twoADay]).size,
    ).toBe(1);
  });

  it("says so when the merchant had no charges at all before", () => {
    const burst = ["1.00", "1.00", "1.00", "1.00", "1.00"].map((amount) => txn({ amount, merchant: "Tiny Shop" }));
    expect(detect(burst).get(burst[4]?.transactionId ?? "")?.reason).toBe(
      "5 charges from Tiny Shop on Nov 23, 2026; you had no other charges there in the last 90 days.",
    );
  });

  it("leaves a charge that already has an amount finding alone and flags another of the burst", () => {
    const burst = [day("50.00", "Blue Bottle"), day("50.00", "Blue Bottle"), day("50.00", "Blue Bottle")];
    const big = day("420.00", "Blue Bottle");
    const findings = detect([...burst, big]);
    expect(findings.get(big.transactionId)?.rule).toBe("merchant_amount");
    expect(findings.get(burst[2]?.transactionId ?? "")?.rule).toBe("burst");
    expect(findings.size).toBe(2);
  });

  it("does not mix charges of different days", () => {
    const spread = ["2026-11-22", "2026-11-22", "2026-11-23", "2026-11-23"].map((date) =>
      txn({ amount: "40.00", merchant: "Shell", date }),
    );
    expect(detect(spread).size).toBe(0);
  });
});

describe("what is never unusual", () => {
  it("ignores credits, however large or new", () => {
    const findings = detect([
      txn({ amount: "-420.00", merchant: "Blue Bottle" }),
      txn({ amount: "-9000.00", merchant: "Lottery Commission" }),
      ...["-40.00", "-40.00", "-40.00", "-40.00"].map((amount) => txn({ amount, merchant: "Shell" })),
    ]);
    expect(findings.size).toBe(0);
  });

  it("ignores pending transactions", () => {
    expect(detect([txn({ amount: "420.00", merchant: "Blue Bottle", pending: true })]).size).toBe(0);
  });

  it("does not let refunds or pending charges shape the history", () => {
    const history = [
      ...charges("City Parking", null, ["10.00", "10.00"]),
      txn({ amount: "-10.00", merchant: "City Parking", date: "2026-09-01" }),
      txn({ amount: "10.00", merchant: "City Parking", date: "2026-09-02", pending: true }),
    ];
    // Two posted charges are too few for the merchant rule, and there is no category.
    expect(detect([txn({ amount: "100.00", merchant: "City Parking" })], history).size).toBe(0);
  });

  it("compares only amounts in the same currency", () => {
    const euros = ["10.00", "10.00", "10.00"].map((amount) => txn({ amount, merchant: "Cafe", currency: "EUR" }));
    expect(detect([txn({ amount: "100.00", merchant: "Cafe" })], euros).size).toBe(0);
    expect(detect([txn({ amount: "100.00", merchant: "Cafe", currency: "EUR" })], euros).size).toBe(1);
  });
});
