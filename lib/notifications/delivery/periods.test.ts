import { describe, expect, it } from "vitest";
import { digestPeriod } from "./periods";

const at = (iso: string) => new Date(iso);

describe("digestPeriod", () => {
  it("hourly periods run from the hour to the next", () => {
    expect(digestPeriod("hourly", at("2026-11-24T10:59:59.999Z"))).toEqual({
      start: at("2026-11-24T10:00:00.000Z"),
      end: at("2026-11-24T11:00:00.000Z"),
    });
    expect(digestPeriod("hourly", at("2026-11-24T11:00:00.000Z")).start).toEqual(at("2026-11-24T11:00:00.000Z"));
  });

  it("daily periods run from UTC midnight to the next", () => {
    expect(digestPeriod("daily", at("2026-11-24T23:59:59.999Z"))).toEqual({
      start: at("2026-11-24T00:00:00.000Z"),
      end: at("2026-11-25T00:00:00.000Z"),
    });
    expect(digestPeriod("daily", at("2026-11-25T00:00:00.000Z")).start).toEqual(at("2026-11-25T00:00:00.000Z"));
  });

  it("weekly periods start on Monday, whichever day it is", () => {
    // 2026-11-23 is a Monday.
    for (const day of ["2026-11-23T00:00:00Z", "2026-11-26T12:00:00Z", "2026-11-29T23:59:59Z"]) {
      expect(digestPeriod("weekly", at(day))).toEqual({
        start: at("2026-11-23T00:00:00.000Z"),
        end: at("2026-11-30T00:00:00.000Z"),
      });
    }
    expect(digestPeriod("weekly", at("2026-11-22T23:59:59Z")).start).toEqual(at("2026-11-16T00:00:00.000Z"));
  });

  it("refuses an invalid date", () => {
    expect(() => digestPeriod("daily", new Date(Number.NaN))).toThrow(RangeError);
  });
});
