import { describe, expect, it } from "vitest";
import { alertSettings } from "@/lib/notifications/rules/registry";
import { toAlertFields } from "./form-values";

describe("toAlertFields", () => {
  it("shows every switchable alert rule of the registry, in its order, with its amount", () => {
    expect(toAlertFields(alertSettings()).map((alert) => [alert.field, alert.threshold])).toEqual([
      ["balanceAlerts", "balanceThreshold"],
      ["lowBalanceAlert", "lowBalanceThreshold"],
      ["unusualActivityAlerts", null],
      ["transactionNotifications", "largeTransactionThreshold"],
      ["connectionExpiringAlert", null],
    ]);
  });

  it("refuses a rule whose preference the forms cannot show", () => {
    const [first] = alertSettings();
    if (!first) throw new Error("the registry has switchable rules");
    expect(() => toAlertFields([{ ...first, toggle: "showBalances" }])).toThrow(/no field for showBalances/);
  });
});
