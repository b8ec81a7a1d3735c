import { describe, expect, it } from "vitest";
import { guessMapping, parseAmount, readCsv } from "./csv";

describe("parseAmount", () => {
  it("reads amounts with a decimal point, thousands grouped by commas", () => {
    expect(
      ["1,234.56", "-12.30", "(12.30)", "$ 12.30", "12.30-", "1234"].map((v) => parseAmount(v, ".")?.toFixed(2)),
    ).toEqual(["1234.56", "-12.30", "-12.30", "12.30", "-12.30", "1234.00"]);
  });

  it("reads amounts with a decimal comma, thousands grouped by points", () => {
    expect(["12,30", "1.234,56", "-0,99", "€ 7,5"].map((v) => parseAmount(v, ",")?.toFixed(2))).toEqual([
      "12.30",
      "1234.56",
      "-0.99",
      "7.50",
    ]);
  });

  it("refuses a decimal comma read as a point (and the other way), never making 12,30 into 1230", () => {
    for (const value of ["12,30", "1,2", "12,3456.00"]) expect(() => parseAmount(value, "."), value).toThrow();
    for (const value of ["12.30", "1.2"]) expect(() => parseAmount(value, ","), value).toThrow();
    expect(parseAmount("", ".")).toBeNull();
  });
});

describe("guessMapping", () => {
  it("guesses a decimal comma from a semicolon statement's amounts, and a point otherwise", () => {
    const european = readCsv("Datum;Omschrijving;Bedrag\n03.11.2026;Bakker;-12,30\n04.11.2026;Salaris;1.500,00\n");
    expect(guessMapping(european)).toMatchObject({ decimalSeparator: ",", dateFormat: "DD.MM.YYYY", amountColumn: 2 });
    const american = readCsv('Date,Description,Amount\n11/03/2026,Bakery,-12.30\n11/04/2026,Payroll,"1,500.00"\n');
    expect(guessMapping(american)).toMatchObject({ decimalSeparator: "." });
  });
});
