import { describe, expect, test } from "vitest";
import { createDisplay, type DisplaySettings, MASKED_AMOUNT } from "./display";

const base: DisplaySettings = {
  currency: "USD",
  dateFormat: "MMM d, yyyy",
  timeFormat: "12h",
  showBalances: true,
  showTransactionDetails: true,
  locale: "en-US",
};
const at = new Date(2026, 10, 23, 14, 5);

describe("createDisplay", () => {
  test("formats money in the account's currency, else the default", () => {
    const display = createDisplay(base);
    expect(display.money("1234.5")).toBe("$1,234.50");
    expect(display.money("-20", "EUR")).toBe("-€20.00");
    expect(createDisplay({ ...base, currency: "GBP" }).money("3")).toBe("£3.00");
    expect(display.money(null)).toBe("—");
  });

  test("masks amounts when balances are hidden", () => {
    expect(createDisplay({ ...base, showBalances: false }).money("1234.5")).toBe(MASKED_AMOUNT);
  });

  test("applies the date and time formats", () => {
    expect(createDisplay(base).dateTime(at)).toBe("Nov 23, 2026 2:05 PM");
    expect(createDisplay({ ...base, dateFormat: "yyyy-MM-dd", timeFormat: "24h" }).dateTime(at)).toBe(
      "2026-11-23 14:05",
    );
  });

  test("an unreadable stored pattern falls back instead of throwing", () => {
    expect(createDisplay({ ...base, dateFormat: "YYYY-DD" }).date(at)).toBe("Nov 23, 2026");
  });

  test("relative times", () => {
    const display = createDisplay(base);
    expect(display.relative(new Date(at.getTime() - 3 * 3600_000), at)).toBe("3 hours ago");
    expect(display.relative(null, at)).toBe("never");
  });

  test("a DATE column shows its own calendar day even where that instant is the evening before", () => {
    // 2026-03-01 as Postgres hands a DATE to Prisma: midnight UTC, which is 4 PM on Feb 28 in Los Angeles.
    const day = new Date("2026-03-01T00:00:00Z");
    const losAngeles = createDisplay({ ...base, timeZone: "America/Los_Angeles" });
    expect(losAngeles.date(day)).toBe("Feb 28, 2026");
    expect(losAngeles.calendarDate(day)).toBe("Mar 1, 2026");
    expect(createDisplay({ ...base, timeZone: "Pacific/Kiritimati" }).calendarDate(day)).toBe("Mar 1, 2026");
    expect(createDisplay({ ...losAngeles.settings, dateFormat: "dd/MM/yyyy" }).calendarDate("2026-03-01")).toBe(
      "01/03/2026",
    );
    expect(losAngeles.calendarDate("not a day")).toBe("—");
  });

  test("instants show in the display's zone", () => {
    const instant = new Date("2026-07-04T18:30:00Z");
    expect(createDisplay({ ...base, timeZone: "UTC" }).dateTime(instant)).toBe("Jul 4, 2026 6:30 PM");
    expect(createDisplay({ ...base, timeZone: "America/Los_Angeles" }).dateTime(instant)).toBe("Jul 4, 2026 11:30 AM");
    expect(createDisplay({ ...base, timeZone: "Asia/Tokyo", timeFormat: "24h" }).dateTime(instant)).toBe(
      "Jul 5, 2026 03:30",
    );
  });
});
