import { format } from "date-fns";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { DATE_FORMATS } from "./options";
import { accountSettingsSchema, globalPreferencesSchema } from "./schema";

const GLOBAL = {
  syncFrequency: "daily",
  notificationFrequency: "immediate",
  defaultCurrency: "USD",
  dateFormat: "MMM d, yyyy",
  timeFormat: "12h",
  showBalances: "on",
  emailNotifications: "on",
};

const ACCOUNT = {
  bankAccountId: "5e5e5e5e-0000-4000-8000-000000000001",
  syncFrequency: "inherit",
  notificationFrequency: "inherit",
  balanceAlerts: "inherit",
  lowBalanceAlert: "inherit",
  transactionNotifications: "inherit",
  unusualActivityAlerts: "inherit",
  connectionExpiringAlert: "inherit",
  inAppNotifications: "inherit",
  emailNotifications: "inherit",
  pushNotifications: "inherit",
  smsNotifications: "inherit",
};

function globalErrors(form: Record<string, string>) {
  const result = globalPreferencesSchema.safeParse({ ...GLOBAL, ...form });
  return result.success ? {} : z.flattenError(result.error).fieldErrors;
}

function accountErrors(form: Record<string, string>) {
  const result = accountSettingsSchema.safeParse({ ...ACCOUNT, ...form });
  // Keyed by the form's field names (the input), which the output type does not list.
  return (result.success ? {} : z.flattenError(result.error).fieldErrors) as Record<string, string[] | undefined>;
}

describe("globalPreferencesSchema", () => {
  it("reads a form: ticked boxes are true, absent ones false, blank thresholds null", () => {
    const values = globalPreferencesSchema.parse({
      ...GLOBAL,
      lowBalanceAlert: "on",
      lowBalanceThreshold: " 1,250.5 ",
    });
    expect(values).toMatchObject({
      showBalances: true,
      emailNotifications: true,
      pushNotifications: false,
      showTransactionDetails: false,
      lowBalanceAlert: true,
      lowBalanceThreshold: "1250.5",
      balanceThreshold: null,
      defaultCurrency: "USD",
    });
  });

  it.each([
    ["-5", "Enter an amount of zero or more."],
    ["-0.01", "Enter an amount of zero or more."],
    ["abc", "Enter an amount like 250 or 250.00."],
    ["1e5", "Enter an amount like 250 or 250.00."],
    ["12.345", "Use at most two decimal places."],
    ["10000000000000", "Enter an amount below 10,000,000,000,000."],
  ])("refuses the threshold %j", (amount, message) => {
    expect(globalErrors({ balanceThreshold: amount }).balanceThreshold).toEqual([message]);
  });

  it("accepts zero and the largest amount numeric(15,2) holds", () => {
    expect(globalErrors({ balanceThreshold: "0", lowBalanceThreshold: "9999999999999.99" })).toEqual({});
  });

  it.each([
    ["usd", "Enter a three-letter ISO 4217 code in capitals, like USD or EUR."],
    ["US", "Enter a three-letter ISO 4217 code in capitals, like USD or EUR."],
    ["USDX", "Enter a three-letter ISO 4217 code in capitals, like USD or EUR."],
    ["XYZ", "XYZ is not an ISO 4217 currency code."],
  ])("refuses the currency %j", (currency, message) => {
    expect(globalErrors({ defaultCurrency: currency }).defaultCurrency).toEqual([message]);
  });

  it("accepts ISO 4217 currencies, trimmed", () => {
    expect(globalPreferencesSchema.parse({ ...GLOBAL, defaultCurrency: " EUR " }).defaultCurrency).toBe("EUR");
    expect(globalErrors({ defaultCurrency: "JPY" })).toEqual({});
  });

  it("reads an empty display currency as none chosen (totals stay per currency)", () => {
    expect(globalPreferencesSchema.parse({ ...GLOBAL, defaultCurrency: " " }).defaultCurrency).toBeNull();
    expect(globalPreferencesSchema.parse({ ...GLOBAL, defaultCurrency: "" }).defaultCurrency).toBeNull();
  });

  it("offers only the listed date formats and 12h/24h time", () => {
    expect(globalErrors({ dateFormat: "yyyy" }).dateFormat).toEqual(["Choose a date format from the list."]);
    expect(globalErrors({ timeFormat: "25h" }).timeFormat).toEqual(["Choose 12-hour or 24-hour time."]);
    expect(globalErrors({ syncFrequency: "sometimes" }).syncFrequency).toEqual(["Choose how often to sync."]);
    expect(globalErrors({ showBalances: "yes" }).showBalances).toEqual(["Tick or untick this box."]);
  });

  it("needs a threshold for a balance or low-balance alert that is on, not for one that is off", () => {
    expect(globalErrors({ lowBalanceAlert: "on" }).lowBalanceThreshold).toEqual([
      "Enter an amount, or turn this alert off.",
    ]);
    expect(globalErrors({ balanceAlerts: "on" }).balanceThreshold).toEqual([
      "Enter an amount, or turn this alert off.",
    ]);
    expect(globalErrors({ transactionNotifications: "on" })).toEqual({});
    expect(globalErrors({ lowBalanceThreshold: "" })).toEqual({});
  });

  it("reports every invalid field of one submission together", () => {
    expect(
      Object.keys(globalErrors({ defaultCurrency: "usd", balanceThreshold: "-1", lowBalanceAlert: "on" })).sort(),
    ).toEqual(["balanceThreshold", "defaultCurrency", "lowBalanceThreshold"]);
  });

  it("lists date formats whose examples are what date-fns prints", () => {
    for (const { pattern, example } of DATE_FORMATS) {
      expect(format(new Date(2026, 0, 31), pattern)).toBe(example);
      expect(pattern.length).toBeLessThanOrEqual(32);
    }
  });
});

describe("accountSettingsSchema", () => {
  it("splits the form into details and preferences, inherit as null", () => {
    const { bankAccountId, details, preferences } = accountSettingsSchema.parse({
      ...ACCOUNT,
      accountAlias: "  Bills  ",
      accountColor: "#2e7d32",
      accountIcon: "wallet",
      notes: "Rent goes out on the 1st.",
      tags: "bills, Everyday ,, bills , BILLS",
      lowBalanceAlert: "on",
      pushNotifications: "off",
      syncFrequency: "weekly",
      lowBalanceThresholdOverride: "on",
      lowBalanceThreshold: "100",
      balanceThreshold: "999",
    });
    expect(bankAccountId).toBe(ACCOUNT.bankAccountId);
    expect(details).toEqual({ notes: "Rent goes out on the 1st.", tags: ["bills", "Everyday"] });
    expect(preferences).toMatchObject({
      accountAlias: "Bills",
      accountColor: "#2E7D32",
      accountIcon: "wallet",
      hideAccount: null,
      lowBalanceAlert: true,
      pushNotifications: false,
      emailNotifications: null,
      syncFrequency: "weekly",
      notificationFrequency: null,
      lowBalanceThreshold: "100",
      // Not overridden: inherits, whatever the amount box held.
      balanceThreshold: null,
    });
  });

  it("clears blank optional fields and keeps a hidden account hidden", () => {
    const { details, preferences } = accountSettingsSchema.parse({
      ...ACCOUNT,
      accountAlias: " ",
      accountColor: "",
      hideAccount: "on",
    });
    expect(details).toEqual({ notes: null, tags: [] });
    expect(preferences).toMatchObject({ accountAlias: null, accountColor: null, accountIcon: null, hideAccount: true });
  });

  it("allows an alias of 64 characters, not 65", () => {
    expect(accountErrors({ accountAlias: "a".repeat(64) })).toEqual({});
    expect(accountErrors({ accountAlias: "a".repeat(65) }).accountAlias).toEqual([
      "Use at most 64 characters (this one has 65).",
    ]);
  });

  // The audit's aliases and notes: a NUL byte answered "Something went wrong"; zero-width-only aliases,
  // right-to-left overrides and control characters were saved (and reached email subjects).
  it.each([
    ["a NUL byte", { accountAlias: "Bills\u0000" }, "accountAlias", /^Remove the control characters/],
    ["a tab", { accountAlias: "Bills\there" }, "accountAlias", /^Remove the control characters/],
    ["zero-width characters only", { accountAlias: "\u200B\u200D" }, "accountAlias", /^Enter some visible text/],
    ["a right-to-left override", { accountAlias: "Bills\u202Eexe" }, "accountAlias", /text-direction override/],
    ["a NUL byte in notes", { notes: "Rent\u0000" }, "notes", /^Remove the control characters/],
    ["an override in a tag", { tags: "bills, \u202Etravel" }, "tags", /text-direction override/],
  ])("refuses %s with a field error", (_case, form, field, message) => {
    const errors = accountErrors(form as Record<string, string>)[field as "notes"];
    expect(errors).toHaveLength(1);
    expect(errors?.[0]).toMatch(message);
  });

  it("keeps notes' line breaks and stores text in one Unicode form", () => {
    const { details, preferences } = accountSettingsSchema.parse({
      ...ACCOUNT,
      accountAlias: "Cafe\u0301",
      notes: "Rent on the 1st.\r\nCouncil tax on the 15th.",
    });
    expect(preferences.accountAlias).toBe("Café");
    expect(details.notes).toBe("Rent on the 1st.\nCouncil tax on the 15th.");
  });

  it.each(["#12345", "#1234567", "12345F", "red", "#GGGGGG"])("refuses the colour %j", (colour) => {
    expect(accountErrors({ accountColor: colour }).accountColor).toEqual([
      "Enter a hex colour: # and six digits 0-9 or A-F, like #2E7D32.",
    ]);
  });

  it.each([
    ["a tag over 32 characters", `ok, ${"x".repeat(33)}`, /Keep each tag to 32 characters/],
    ["a tag starting with a symbol", "bills, #travel", /Tags use letters, digits/],
    ["a tag with markup", "<b>bold</b>", /Tags use letters, digits/],
    ["eleven tags", Array.from({ length: 11 }, (_, i) => `tag${i}`).join(","), /Use at most 10 tags\./],
  ])("refuses %s", (_case, tags, message) => {
    const errors = accountErrors({ tags }).tags;
    expect(errors).toHaveLength(1);
    expect(errors?.[0]).toMatch(message);
  });

  it("refuses notes over 2,000 characters, an unknown icon and a non-choice", () => {
    const errors = accountErrors({
      notes: "n".repeat(2001),
      accountIcon: "skull",
      emailNotifications: "maybe",
      syncFrequency: "sometimes",
    });
    expect(errors).toEqual({
      notes: ["Use at most 2,000 characters."],
      accountIcon: ["Choose an icon from the list."],
      emailNotifications: ["Choose Inherit, On or Off."],
      syncFrequency: ["Choose how often to sync."],
    });
  });

  it("needs an amount for a ticked Override, and checks the amount like any threshold", () => {
    expect(accountErrors({ largeTransactionThresholdOverride: "on" }).largeTransactionThreshold).toEqual([
      "Enter an amount, or untick Override to inherit.",
    ]);
    expect(accountErrors({ balanceThresholdOverride: "on", balanceThreshold: "-20" }).balanceThreshold).toEqual([
      "Enter an amount of zero or more.",
    ]);
  });

  it("refuses a malformed account id and a form missing a choice", () => {
    expect(accountErrors({ bankAccountId: "42" }).bankAccountId).toEqual(["This account does not exist."]);
    const { smsNotifications: _omitted, ...rest } = ACCOUNT;
    expect(accountSettingsSchema.safeParse(rest).success).toBe(false);
  });

  it("reports every invalid field of one submission together", () => {
    const errors = accountErrors({
      accountAlias: "a".repeat(65),
      accountColor: "#12345",
      tags: "#bad",
      lowBalanceThresholdOverride: "on",
    });
    expect(Object.keys(errors).sort()).toEqual(["accountAlias", "accountColor", "lowBalanceThreshold", "tags"]);
  });
});
