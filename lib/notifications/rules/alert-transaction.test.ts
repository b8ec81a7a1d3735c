import { describe, expect, it } from "vitest";
import { describeTransaction, merchantKey, merchantLabel } from "./alert-transaction";
import { d, txn } from "./test-support";

describe("merchant names", () => {
  it("prefers Plaid's merchant name and falls back to the raw description", () => {
    expect(merchantLabel({ merchantName: "Apple Store", name: "APPLE STORE #R102" })).toBe("Apple Store");
    expect(merchantLabel({ merchantName: null, name: " APPLE STORE #R102 " })).toBe("APPLE STORE #R102");
    expect(merchantLabel({ merchantName: "  ", name: "APPLE STORE #R102" })).toBe("APPLE STORE #R102");
  });

  it("keys one merchant's varying descriptions alike and different merchants apart", () => {
    const key = (name: string) => merchantKey({ merchantName: null, name });
    expect(key("UBER *TRIP 8832 SF 11/23")).toBe(key("Uber *Trip 1204 SF 11/24"));
    expect(key("UBER *TRIP 8832")).not.toBe(key("LYFT *RIDE 8832"));
    expect(merchantKey({ merchantName: "Blue Bottle", name: "BLUE BOTTLE COFFEE 0042" })).toBe("blue bottle");
    expect(key("0042-7781")).toBe("0042-7781");
    expect(key("Café Crème 12")).toBe("café crème");
  });
});

describe("describeTransaction", () => {
  it("reads a charge as paid at the merchant and money in as received from it, without the sign", () => {
    expect(describeTransaction(txn()).what).toBe("$2,500.00 at Apple Store");
    const deposit = describeTransaction(txn({ amount: d("-1800"), merchantName: null, name: "ACME PAYROLL" }));
    expect(deposit.charge).toBe(false);
    expect(deposit.sentence("Checking")).toBe("Checking received $1,800.00 from ACME PAYROLL on Nov 23, 2026.");
  });
});
