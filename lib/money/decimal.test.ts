import { describe, expect, it } from "vitest";
import { Prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { formatMoney, toDecimal, toMoney, toMoneyString, toNullableMoneyString } from "./decimal";

describe("toDecimal", () => {
  it.each([
    ["1500", "1500"],
    ["1500.5", "1500.5"],
    [" -12.345 ", "-12.345"],
    ["+.5", "0.5"],
    ["7.", "7"],
  ])("parses the string %j", (input, expected) => {
    expect(toDecimal(input).toFixed()).toBe(expected);
  });

  it("keeps a number's shortest decimal form rather than its binary expansion", () => {
    expect(toDecimal(0.1).toFixed()).toBe("0.1");
    expect(toDecimal(0.1).plus(toDecimal(0.2)).toFixed()).toBe("0.3");
  });

  it("returns a Decimal equal to a Decimal input", () => {
    const input = new Prisma.Decimal("42.42");
    expect(toDecimal(input).equals(input)).toBe(true);
  });

  it.each(["", "abc", "1,000.00", "12abc", "0x1F", "1e5", "NaN", "Infinity", "-", "."])(
    "rejects the string %j",
    (input) => {
      expect(() => toDecimal(input)).toThrow(AppError);
    },
  );

  it.each([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])("rejects the number %s", (input) => {
    expect(() => toDecimal(input)).toThrow(/finite/);
  });

  it("rejects non-finite Decimals and values of other types", () => {
    expect(() => toDecimal(new Prisma.Decimal(Number.NaN))).toThrow(/finite/);
    expect(() => toDecimal(new Prisma.Decimal(Number.POSITIVE_INFINITY))).toThrow(/finite/);
    expect(() => toDecimal(null as unknown as string)).toThrow(/string, number or Decimal/);
  });
});

describe("toMoney", () => {
  it("rounds to cents half away from zero, as numeric(15,2) does", () => {
    expect(toMoney("2.345").toFixed()).toBe("2.35");
    expect(toMoney("-2.345").toFixed()).toBe("-2.35");
    expect(toMoney("2.344").toFixed()).toBe("2.34");
  });

  it("rejects amounts numeric(15,2) cannot hold", () => {
    expect(toMoney("9999999999999.99").toFixed()).toBe("9999999999999.99");
    expect(() => toMoney("10000000000000")).toThrow(/out of range/);
    expect(() => toMoney("9999999999999.995")).toThrow(/out of range/);
  });
});

describe("toMoneyString", () => {
  it.each([
    ["1500", "1500.00"],
    ["0.5", "0.50"],
    ["-12.3", "-12.30"],
    ["1.005", "1.01"],
    ["1.015", "1.02"],
    ["-1.005", "-1.01"],
    ["123456789012.999", "123456789013.00"],
  ])("formats %s as %s", (input, expected) => {
    expect(toMoneyString(new Prisma.Decimal(input))).toBe(expected);
  });

  it("never returns negative zero", () => {
    expect(toMoneyString(new Prisma.Decimal("-0"))).toBe("0.00");
    expect(toMoneyString(new Prisma.Decimal("-0.004"))).toBe("0.00");
  });

  it("passes null through in the nullable variant", () => {
    expect(toNullableMoneyString(null)).toBeNull();
    expect(toNullableMoneyString(new Prisma.Decimal("3"))).toBe("3.00");
  });
});

describe("formatMoney", () => {
  it("formats with the currency's symbol and minor units", () => {
    expect(formatMoney({ amount: "1234.5", currency: "USD" })).toBe("$1,234.50");
    expect(formatMoney({ amount: "-1234.5", currency: "USD" })).toBe("-$1,234.50");
    expect(formatMoney({ amount: new Prisma.Decimal("1234.5"), currency: "JPY", locale: "en-US" })).toBe("¥1,235");
  });

  it("honours the locale", () => {
    expect(formatMoney({ amount: "1234.5", currency: "EUR", locale: "de-DE" })).toBe("1.234,50\u00a0€");
  });

  it("does not lose precision on amounts beyond a float's 15 significant digits", () => {
    expect(formatMoney({ amount: "9999999999999.99", currency: "USD" })).toBe("$9,999,999,999,999.99");
  });

  it("shows an amount that rounds to zero without a minus sign", () => {
    expect(formatMoney({ amount: "-0.001", currency: "USD" })).toBe("$0.00");
  });

  it("rejects garbage amounts", () => {
    expect(() => formatMoney({ amount: "lots", currency: "USD" })).toThrow(AppError);
  });
});
