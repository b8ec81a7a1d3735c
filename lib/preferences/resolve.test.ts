import { describe, expect, it } from "vitest";
import { type BankingPreferencesModel, Prisma } from "@/lib/db";
import { DEFAULT_PREFERENCES, PREFERENCE_FIELDS } from "./defaults";
import { resolvePreferences } from "./resolve";
import { serializePreferences, serializeResolvedPreferences } from "./serialize";

const empty = Object.fromEntries(PREFERENCE_FIELDS.map((field) => [field, null])) as {
  [K in (typeof PREFERENCE_FIELDS)[number]]: null;
};

function row(overrides: Partial<BankingPreferencesModel> = {}): BankingPreferencesModel {
  return {
    ...empty,
    id: "5e5e5e5e-0000-4000-8000-000000000001",
    userId: "5e5e5e5e-0000-4000-8000-000000000002",
    bankAccountId: null,
    metadata: {},
    createdAt: new Date("2026-01-01T00:00:00.000Z"),
    updatedAt: new Date("2026-01-02T00:00:00.000Z"),
    ...overrides,
  };
}

describe("DEFAULT_PREFERENCES", () => {
  it("has a value for every preference column of banking_preferences, and nothing else", () => {
    const bookkeeping = ["id", "userId", "bankAccountId", "metadata", "createdAt", "updatedAt"];
    const columns = Object.keys(Prisma.BankingPreferencesScalarFieldEnum).filter((key) => !bookkeeping.includes(key));
    expect([...PREFERENCE_FIELDS].sort()).toEqual(columns.sort());
  });

  it("is quiet and private: alerts, sharing, push and SMS off", () => {
    expect(DEFAULT_PREFERENCES).toMatchObject({
      syncFrequency: "daily",
      balanceAlerts: false,
      balanceThreshold: null,
      lowBalanceAlert: false,
      transactionNotifications: false,
      unusualActivityAlerts: false,
      inAppNotifications: true,
      emailNotifications: true,
      pushNotifications: false,
      smsNotifications: false,
      shareAnalytics: false,
      defaultCurrency: "USD",
      dateFormat: "MMM d, yyyy",
      timeFormat: "12h",
      hideAccount: false,
    });
    expect(Object.isFrozen(DEFAULT_PREFERENCES)).toBe(true);
  });
});

describe("resolvePreferences", () => {
  it("falls back to the defaults for every field without rows", () => {
    const { values, sources } = resolvePreferences({ account: null, global: null });
    expect(values).toEqual(DEFAULT_PREFERENCES);
    expect(new Set(Object.values(sources))).toEqual(new Set(["default"]));
  });

  it("resolves field by field: account, then global, then default", () => {
    const global = row({
      syncFrequency: "weekly",
      emailNotifications: false,
      balanceThreshold: new Prisma.Decimal("25"),
    });
    const account = row({ syncFrequency: "hourly", accountAlias: "Bills", bankAccountId: "x" });
    const { values, sources } = resolvePreferences({ account, global });

    expect(values).toMatchObject({ syncFrequency: "hourly", emailNotifications: false, accountAlias: "Bills" });
    expect(values.balanceThreshold?.toFixed(2)).toBe("25.00");
    expect(values.pushNotifications).toBe(false);
    expect(sources).toMatchObject({
      syncFrequency: "account",
      accountAlias: "account",
      emailNotifications: "global",
      balanceThreshold: "global",
      pushNotifications: "default",
    });
  });

  it("treats false as a value, not as inherit", () => {
    const global = row({ autoSync: true });
    const account = row({ autoSync: false });
    const resolved = resolvePreferences({ account, global });
    expect(resolved.values.autoSync).toBe(false);
    expect(resolved.sources.autoSync).toBe("account");
  });
});

describe("serialization", () => {
  it("writes a stored row with thresholds as strings, keeping null as inherit", () => {
    const json = serializePreferences(row({ lowBalanceThreshold: new Prisma.Decimal("50"), smsNotifications: true }));
    expect(json).toMatchObject({
      lowBalanceThreshold: "50.00",
      balanceThreshold: null,
      smsNotifications: true,
      syncFrequency: null,
      createdAt: "2026-01-01T00:00:00.000Z",
    });
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });

  it("writes resolved preferences with their sources", () => {
    const resolved = resolvePreferences({ account: null, global: row({ balanceThreshold: new Prisma.Decimal("0") }) });
    const json = serializeResolvedPreferences(resolved);
    expect(json.values.balanceThreshold).toBe("0.00");
    expect(json.values.lowBalanceThreshold).toBeNull();
    expect(json.sources.balanceThreshold).toBe("global");
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });
});
