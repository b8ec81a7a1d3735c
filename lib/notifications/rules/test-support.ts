// Fixtures the rule tests share: an account label and a transaction as the rules read them.
import { Prisma } from "@/lib/db";
import type { AlertTransaction } from "./alert-transaction";
import type { AccountLabel } from "./types";

export const d = (value: string) => new Prisma.Decimal(value);
export const checking: AccountLabel = { id: "acc-1", name: "Plaid Checking", mask: "0000", currency: "USD" };

export function txn(overrides: Partial<AlertTransaction> = {}): AlertTransaction {
  return {
    id: "row-1",
    transactionId: "plaid-txn-1",
    amount: d("2500.00"),
    date: new Date("2026-11-23T00:00:00Z"),
    name: "APPLE STORE #R102",
    merchantName: "Apple Store",
    categoryPrimary: "GENERAL_MERCHANDISE",
    pending: false,
    isoCurrencyCode: "USD",
    ...overrides,
  };
}
