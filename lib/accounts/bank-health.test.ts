import { describe, expect, it } from "vitest";
import { DEFAULT_STALE_AFTER_MS, describeBankHealth } from "./bank-health";

const now = new Date("2026-12-07T12:00:00Z");
const ago = (ms: number) => new Date(now.getTime() - ms);
const DAY = 86_400_000;

describe("describeBankHealth", () => {
  it("is stale only past the frequency's allowance (3 days by default)", () => {
    const health = (bankLastUpdatedAt: Date | null, syncFrequency = "daily") =>
      describeBankHealth({ bankLastUpdatedAt, institutionStatus: null, syncFrequency, now });
    expect(health(ago(DEFAULT_STALE_AFTER_MS)).stale).toBe(false);
    expect(health(ago(DEFAULT_STALE_AFTER_MS + 1000)).stale).toBe(true);
    expect(health(ago(3 * 3_600_000)).stale).toBe(false);
    expect(health(ago(4 * DAY), "hourly").stale).toBe(true);
    // A weekly connection allows ten days.
    expect(health(ago(4 * DAY), "weekly").stale).toBe(false);
    expect(health(ago(11 * DAY), "weekly").stale).toBe(true);
    // Never checked: nothing to warn about yet.
    expect(health(null)).toEqual({ lastUpdatedAt: null, stale: false, trouble: null });
  });

  it("reports trouble for DEGRADED and DOWN only", () => {
    const trouble = (institutionStatus: string | null) =>
      describeBankHealth({ bankLastUpdatedAt: now, institutionStatus, syncFrequency: "daily", now }).trouble;
    expect(trouble("DEGRADED")).toBe("DEGRADED");
    expect(trouble("DOWN")).toBe("DOWN");
    expect(trouble("HEALTHY")).toBeNull();
    expect(trouble(null)).toBeNull();
  });
});
