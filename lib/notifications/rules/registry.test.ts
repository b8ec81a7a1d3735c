import { describe, expect, it } from "vitest";
import { DEFAULT_PREFERENCES } from "@/lib/preferences/defaults";
import { ALERT_RULES, alertSettings, isNotificationKind, NOTIFICATION_KINDS, ruleOfKind } from "./registry";

describe("the alert rule registry", () => {
  it("gives every rule its own kind and every stateful rule its own state key", () => {
    expect(new Set(NOTIFICATION_KINDS).size).toBe(ALERT_RULES.length);
    const keys = ALERT_RULES.flatMap((rule) => ("stateKey" in rule ? [rule.stateKey] : []));
    expect(new Set(keys).size).toBe(keys.length);
    // The transaction watermark (new-transactions.ts) has this key; no rule may take it.
    expect(keys).not.toContain("transactions");
  });

  it("names only preference fields that exist, a switch and an amount of the right kind", () => {
    for (const settings of alertSettings()) {
      expect(typeof DEFAULT_PREFERENCES[settings.toggle], settings.toggle).toBe("boolean");
      if (settings.threshold) expect(settings.threshold in DEFAULT_PREFERENCES, settings.threshold).toBe(true);
    }
  });

  it("judges unusual activity before plain transaction alerts, so a charge gets the specific one", () => {
    const order = ALERT_RULES.map((rule) => rule.kind);
    expect(order.indexOf("unusual_activity")).toBeLessThan(order.indexOf("transaction"));
  });

  it("finds a rule by its kind and knows which kinds it makes", () => {
    expect(ruleOfKind("low_balance")?.label).toBe("Low balance");
    expect(ruleOfKind("retired_kind")).toBeUndefined();
    expect(isNotificationKind("transaction")).toBe(true);
    expect(isNotificationKind("nope")).toBe(false);
  });
});
