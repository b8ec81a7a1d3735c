import { describe, expect, it } from "vitest";
import { type BankAccountModel, Prisma } from "@/lib/db";
import { getAvailableCredit, isOverdrawn, serializeBankAccount } from "./model";

const money = (value: string | null) => (value === null ? null : new Prisma.Decimal(value));

function balances(
  type: string,
  {
    current = null,
    available = null,
    limit = null,
  }: { current?: string | null; available?: string | null; limit?: string | null },
) {
  return { type, currentBalance: money(current), availableBalance: money(available), creditLimit: money(limit) };
}

describe("isOverdrawn", () => {
  it.each(["depository", "investment", "other"])("%s: below zero is overdrawn, zero is not", (type) => {
    expect(isOverdrawn(balances(type, { current: "-0.01" }))).toBe(true);
    expect(isOverdrawn(balances(type, { current: "0.00" }))).toBe(false);
    expect(isOverdrawn(balances(type, { current: "-0" }))).toBe(false);
    expect(isOverdrawn(balances(type, { current: "10.00" }))).toBe(false);
  });

  it("depository: the available balance wins over the current one", () => {
    expect(isOverdrawn(balances("depository", { current: "50.00", available: "-5.00" }))).toBe(true);
    expect(isOverdrawn(balances("depository", { current: "-50.00", available: "5.00" }))).toBe(false);
    expect(isOverdrawn(balances("depository", { current: "-50.00", available: null }))).toBe(true);
  });

  it("depository: unknown balances are not overdrawn", () => {
    expect(isOverdrawn(balances("depository", {}))).toBe(false);
  });

  it("credit: over the limit is overdrawn, at the limit is not", () => {
    expect(isOverdrawn(balances("credit", { current: "1000.01", limit: "1000.00" }))).toBe(true);
    expect(isOverdrawn(balances("credit", { current: "1000.00", limit: "1000.00" }))).toBe(false);
    // A negative credit balance is money the issuer owes the user, not an overdraft.
    expect(isOverdrawn(balances("credit", { current: "-20.00", limit: "1000.00" }))).toBe(false);
  });

  it("credit: unknown limit or balance is not overdrawn", () => {
    expect(isOverdrawn(balances("credit", { current: "5000.00" }))).toBe(false);
    expect(isOverdrawn(balances("credit", { limit: "0.00" }))).toBe(false);
  });

  it("loan: never overdrawn, whatever the balance", () => {
    expect(isOverdrawn(balances("loan", { current: "-250000.00", available: "-1.00" }))).toBe(false);
  });
});

describe("getAvailableCredit", () => {
  it("is the limit minus what is owed", () => {
    expect(getAvailableCredit(balances("credit", { current: "250.40", limit: "1000.00" }))?.toFixed(2)).toBe("749.60");
  });

  it("goes negative over the limit and above the limit for a credit balance", () => {
    expect(getAvailableCredit(balances("credit", { current: "1100.00", limit: "1000.00" }))?.toFixed(2)).toBe(
      "-100.00",
    );
    expect(getAvailableCredit(balances("credit", { current: "-50.00", limit: "1000.00" }))?.toFixed(2)).toBe("1050.00");
  });

  it("is null when the limit or balance is unknown, or the account is not credit", () => {
    expect(getAvailableCredit(balances("credit", { current: "10.00" }))).toBeNull();
    expect(getAvailableCredit(balances("credit", { limit: "10.00" }))).toBeNull();
    expect(getAvailableCredit(balances("depository", { current: "10.00", limit: "100.00" }))).toBeNull();
    expect(getAvailableCredit(balances("loan", { current: "10.00", limit: "100.00" }))).toBeNull();
  });
});

describe("serializeBankAccount", () => {
  const row: BankAccountModel = {
    id: "9b1f6c5e-0000-4000-8000-000000000001",
    userId: "9b1f6c5e-0000-4000-8000-000000000002",
    plaidConnectionId: "9b1f6c5e-0000-4000-8000-000000000003",
    accountId: "acc-1",
    name: "Plaid Checking",
    mask: "0000",
    type: "depository",
    subtype: "checking",
    accountType: "checking",
    status: "active",
    verificationStatus: "verified",
    isActive: true,
    currentBalance: new Prisma.Decimal("1500"),
    availableBalance: new Prisma.Decimal("-0.5"),
    creditLimit: null,
    paymentDue: null,
    interestRate: 0.015,
    apr: null,
    liabilityKind: null,
    nextPaymentDueDate: null,
    lastPaymentAmount: null,
    lastPaymentDate: null,
    isOverdue: null,
    liabilitiesUpdatedAt: null,
    minimumBalance: new Prisma.Decimal("25"),
    monthlyFee: null,
    accountNumber: "****1234",
    routingNumber: null,
    metadata: { nickname: "bills" },
    tags: ["household"],
    notes: null,
    isoCurrencyCode: "USD",
    lastSyncAt: new Date("2026-01-02T03:04:05.000Z"),
    createdAt: new Date("2026-01-01T00:00:00.000Z"),
    updatedAt: new Date("2026-01-02T00:00:00.000Z"),
  };

  it("turns money into two-place strings and dates into ISO strings", () => {
    const json = serializeBankAccount(row);
    expect(json).toMatchObject({
      currentBalance: "1500.00",
      availableBalance: "-0.50",
      creditLimit: null,
      minimumBalance: "25.00",
      interestRate: 0.015,
      lastSyncAt: "2026-01-02T03:04:05.000Z",
      createdAt: "2026-01-01T00:00:00.000Z",
      metadata: { nickname: "bills" },
      tags: ["household"],
    });
  });

  it("survives a JSON round trip unchanged and keeps every column", () => {
    const json = serializeBankAccount(row);
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
    expect(Object.keys(json).sort()).toEqual(Object.keys(row).sort());
  });

  it("writes null for a never-synced account", () => {
    expect(serializeBankAccount({ ...row, lastSyncAt: null }).lastSyncAt).toBeNull();
  });
});
