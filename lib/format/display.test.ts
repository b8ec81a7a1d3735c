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
});
