import { describe, expect, it } from "vitest";
import { Prisma } from "@/lib/db";
import { DEFAULT_PREFERENCES, type Preferences } from "./defaults";
import { getNotificationChannels, shouldNotifyBalanceChange } from "./rules";

const d = (value: string) => new Prisma.Decimal(value);

function notifies(overrides: Partial<Preferences>, oldBalance: string | null, newBalance: string): boolean {
  return shouldNotifyBalanceChange({
    preferences: { ...DEFAULT_PREFERENCES, ...overrides },
    oldBalance: oldBalance === null ? null : d(oldBalance),
    newBalance: d(newBalance),
  });
}

describe("shouldNotifyBalanceChange: balance alerts", () => {
  const on = { balanceAlerts: true, balanceThreshold: d("100.00") };

  it.each([
    ["falls below the threshold", "150.00", "99.99", true],
    ["rises past the threshold", "50.00", "150.00", true],
    ["reaches the threshold exactly from below", "99.99", "100.00", true],
    ["leaves the threshold exactly, downward", "100.00", "99.99", true],
    ["stays above", "150.00", "100.01", false],
    ["stays exactly at the threshold", "100.00", "100.00", false],
    ["moves from the threshold upward", "100.00", "250.00", false],
    ["stays below", "20.00", "99.99", false],
  ])("%s (%s -> %s): %s", (_case, oldBalance, newBalance, expected) => {
    expect(notifies(on, oldBalance, newBalance)).toBe(expected);
  });

  it("works with a zero threshold and negative balances", () => {
    const zero = { balanceAlerts: true, balanceThreshold: d("0.00") };
    expect(notifies(zero, "0.00", "-0.01")).toBe(true);
    expect(notifies(zero, "-5.00", "0.00")).toBe(true);
    expect(notifies(zero, "-5.00", "-1.00")).toBe(false);
    expect(notifies(zero, "0.00", "0.00")).toBe(false);
  });

  it("needs an old balance to have crossed anything", () => {
    expect(notifies(on, null, "5.00")).toBe(false);
  });

  it("does nothing when switched off or without a threshold", () => {
    expect(notifies({ balanceAlerts: false, balanceThreshold: d("100.00") }, "150.00", "50.00")).toBe(false);
    expect(notifies({ balanceAlerts: true, balanceThreshold: null }, "150.00", "-50.00")).toBe(false);
  });
});

describe("shouldNotifyBalanceChange: low-balance alerts", () => {
  const on = { lowBalanceAlert: true, lowBalanceThreshold: d("50.00") };

  it.each([
    ["drops below", "60.00", "49.99", true],
    ["drops from exactly the threshold", "50.00", "49.99", true],
    ["lands exactly on the threshold", "60.00", "50.00", false],
    ["stays below (already alerted)", "40.00", "10.00", false],
    ["recovers", "40.00", "60.00", false],
    ["a first balance already below", null, "10.00", true],
    ["a first balance above", null, "60.00", false],
    ["a first balance exactly at it", null, "50.00", false],
  ])("%s (%s -> %s): %s", (_case, oldBalance, newBalance, expected) => {
    expect(notifies(on, oldBalance, newBalance)).toBe(expected);
  });

  it("works with a zero threshold: going negative alerts", () => {
    const zero = { lowBalanceAlert: true, lowBalanceThreshold: d("0.00") };
    expect(notifies(zero, "0.00", "-0.01")).toBe(true);
    expect(notifies(zero, "12.00", "0.00")).toBe(false);
    expect(notifies(zero, "-3.00", "-9.00")).toBe(false);
  });

  it("does nothing when switched off or without a threshold", () => {
    expect(notifies({ lowBalanceAlert: false, lowBalanceThreshold: d("50.00") }, "60.00", "1.00")).toBe(false);
    expect(notifies({ lowBalanceAlert: true, lowBalanceThreshold: null }, "60.00", "-1.00")).toBe(false);
  });
});

describe("shouldNotifyBalanceChange: hidden accounts and defaults", () => {
  it("never notifies for a hidden account, whatever the alerts say", () => {
    const everything = {
      balanceAlerts: true,
      balanceThreshold: d("100.00"),
      lowBalanceAlert: true,
      lowBalanceThreshold: d("50.00"),
    };
    expect(notifies(everything, "150.00", "10.00")).toBe(true);
    expect(notifies({ ...everything, hideAccount: true }, "150.00", "10.00")).toBe(false);
  });

  it("the defaults notify about nothing", () => {
    expect(notifies({}, "1000000.00", "-1000000.00")).toBe(false);
    expect(notifies({}, null, "-1.00")).toBe(false);
  });
});

describe("getNotificationChannels", () => {
  it("lists the default channels: in-app then email", () => {
    expect(getNotificationChannels(DEFAULT_PREFERENCES)).toEqual(["in_app", "email"]);
  });

  it("keeps a fixed order whatever is enabled", () => {
    const all = { inAppNotifications: true, emailNotifications: true, pushNotifications: true, smsNotifications: true };
    expect(getNotificationChannels(all)).toEqual(["in_app", "email", "push", "sms"]);
    expect(getNotificationChannels({ ...all, inAppNotifications: false, emailNotifications: false })).toEqual([
      "push",
      "sms",
    ]);
  });

  it("is empty when every channel is off", () => {
    const none = {
      inAppNotifications: false,
      emailNotifications: false,
      pushNotifications: false,
      smsNotifications: false,
    };
    expect(getNotificationChannels(none)).toEqual([]);
  });
});
