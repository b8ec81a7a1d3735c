import { describe, expect, it } from "vitest";
import { computeBackoffMs } from "./backoff";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe("computeBackoffMs", () => {
  it("doubles from one minute: the lowest draw is half the delay", () => {
    const lowest = (attempt: number) => computeBackoffMs({ attempt, random: () => 0 });
    expect([1, 2, 3, 4].map(lowest)).toEqual([0.5 * MINUTE, MINUTE, 2 * MINUTE, 4 * MINUTE]);
  });

  it("spreads each attempt over [d/2, d)", () => {
    expect(computeBackoffMs({ attempt: 3, random: () => 0.5 })).toBe(3 * MINUTE);
    expect(computeBackoffMs({ attempt: 3, random: () => 0.999_999 })).toBeLessThan(4 * MINUTE);
    expect(computeBackoffMs({ attempt: 3, random: () => 0.999_999 })).toBeGreaterThan(3.99 * MINUTE);
  });

  it("stops growing at the six-hour cap, even for absurd attempt numbers", () => {
    // 60s · 2^9 = 8.5h is past the cap already.
    expect(computeBackoffMs({ attempt: 10, random: () => 0 })).toBe(3 * HOUR);
    expect(computeBackoffMs({ attempt: 10, random: () => 0.5 })).toBe(4.5 * HOUR);
    expect(computeBackoffMs({ attempt: 5_000, random: () => 0.5 })).toBe(4.5 * HOUR);
  });

  it("takes its own base and cap", () => {
    expect(computeBackoffMs({ attempt: 4, baseMs: 1_000, capMs: 5_000, random: () => 0 })).toBe(2_500);
    expect(computeBackoffMs({ attempt: 2, baseMs: 1_000, capMs: 5_000, random: () => 0 })).toBe(1_000);
  });

  it("stays within [d/2, d) with the real random source", () => {
    for (let index = 0; index < 200; index++) {
      const delay = computeBackoffMs({ attempt: 2 });
      expect(delay).toBeGreaterThanOrEqual(MINUTE);
      expect(delay).toBeLessThan(2 * MINUTE);
    }
  });

  it.each([0, -1, 1.5, Number.NaN])("rejects attempt %s", (attempt) => {
    expect(() => computeBackoffMs({ attempt })).toThrow(RangeError);
  });

  it("rejects a random source outside [0, 1) and negative settings", () => {
    expect(() => computeBackoffMs({ attempt: 1, random: () => 1 })).toThrow(/random/);
    expect(() => computeBackoffMs({ attempt: 1, random: () => -0.1 })).toThrow(/random/);
    expect(() => computeBackoffMs({ attempt: 1, baseMs: -1 })).toThrow(/non-negative/);
  });
});
