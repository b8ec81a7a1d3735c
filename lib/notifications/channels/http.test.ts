// Reading Retry-After the two ways providers send it, and which statuses are worth another try.
import { describe, expect, test } from "vitest";
import { isRetryableStatus, parseRetryAfter } from "./http";

describe("parseRetryAfter", () => {
  const now = Date.parse("2026-11-25T12:00:00Z");

  test("reads seconds and HTTP dates", () => {
    expect(parseRetryAfter("45", now)).toBe(45_000);
    expect(parseRetryAfter("Wed, 25 Nov 2026 12:02:00 GMT", now)).toBe(120_000);
  });

  test("a date in the past means now; more than a day is a day", () => {
    expect(parseRetryAfter("Wed, 25 Nov 2026 11:00:00 GMT", now)).toBe(0);
    expect(parseRetryAfter("604800", now)).toBe(86_400_000);
  });

  test("nothing usable is null", () => {
    for (const value of [null, undefined, "", "  ", "soon", "-5", "1.5"]) {
      expect(parseRetryAfter(value, now)).toBeNull();
    }
  });
});

describe("isRetryableStatus", () => {
  test("429, timeouts and server errors are retried; other refusals are not", () => {
    expect([408, 425, 429, 500, 502, 503].map(isRetryableStatus)).toEqual([true, true, true, true, true, true]);
    expect([400, 401, 403, 404, 410, 413].map(isRetryableStatus)).toEqual([false, false, false, false, false, false]);
  });
});
