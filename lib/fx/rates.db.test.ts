import { describe, expect, it } from "vitest";
import { db, Prisma } from "@/lib/db";
import { isAppError } from "@/lib/errors";
import { ecbXml, serveRates } from "@/lib/test/ecb";
import { convertTotals } from "./convert";
import { fetchRates, getLatestRates } from "./rates";

const stored = async () =>
  (await db.fxRate.findMany({ orderBy: [{ day: "asc" }, { currency: "asc" }] })).map(
    (row) => `${row.day.toISOString().slice(0, 10)} ${row.currency} ${row.rate.toFixed()}`,
  );

const totals = (currency: string, assets: string, liabilities = "0") => {
  const a = new Prisma.Decimal(assets);
  const l = new Prisma.Decimal(liabilities);
  return { currency, assets: a, liabilities: l, netWorth: a.minus(l) };
};

describe("fetchRates from an ECB-format source", async () => {
  const base = await serveRates({
    "/eurofxref-hist.xml": ecbXml({
      "2024-01-04": { USD: "1.0944", GBP: "0.86145", JPY: "157.77" },
      "2024-01-05": { USD: "1.0921", GBP: "0.86040", JPY: "158.48" },
    }),
    "/eurofxref-daily.xml": ecbXml({ "2024-01-08": { USD: "1.0953", GBP: "0.85990" } }),
    "/broken.xml": `${ecbXml({ "2024-01-09": { USD: "1.1" } }).slice(0, -30)}`,
    "/wrong-shape.xml": ecbXml({ "2024-01-09": { USD: "1.1", GBP: "-0.8" } }),
    "/missing.xml": { status: 503, body: "down" },
  });

  it("imports a historical file, then a daily one, and upserts a day fetched again", async () => {
    expect(await fetchRates({ url: `${base}/eurofxref-hist.xml` })).toEqual({
      days: 2,
      rates: 6,
      firstDay: "2024-01-04",
      lastDay: "2024-01-05",
    });
    expect(await fetchRates({ url: `${base}/eurofxref-daily.xml` })).toMatchObject({ days: 1, rates: 2 });
    await fetchRates({ url: `${base}/eurofxref-hist.xml` });
    expect(await stored()).toEqual([
      "2024-01-04 GBP 0.86145",
      "2024-01-04 JPY 157.77",
      "2024-01-04 USD 1.0944",
      "2024-01-05 GBP 0.8604",
      "2024-01-05 JPY 158.48",
      "2024-01-05 USD 1.0921",
      "2024-01-08 GBP 0.8599",
      "2024-01-08 USD 1.0953",
    ]);
  });

  it("refuses a malformed or invalid file, or a failed answer, and imports nothing", async () => {
    const before = await stored();
    for (const [path, code, words] of [
      ["/broken.xml", "fx:malformed_rates", /not well-formed XML/],
      ["/wrong-shape.xml", "fx:malformed_rates", /plain positive decimal at Envelope/],
      ["/missing.xml", "fx:unavailable", /could not be read/],
    ] as const) {
      const error = await fetchRates({ url: `${base}${path}` }).catch((caught: unknown) => caught);
      expect(isAppError(error, code)).toBe(true);
      expect((error as Error).message).toMatch(words);
      expect((error as Error).message).toMatch(/Nothing was imported/);
    }
    expect(await stored()).toEqual(before);
  });

  it("reads the latest rate on or before a day, and none before the first", async () => {
    await fetchRates({ url: `${base}/eurofxref-hist.xml` });
    await fetchRates({ url: `${base}/eurofxref-daily.xml` });
    const rates = await getLatestRates({ currencies: ["USD", "JPY", "EUR", "CHF"], onOrBefore: "2024-01-07" });
    expect(rates.get("USD")).toMatchObject({ day: "2024-01-05" });
    expect(rates.get("USD")?.rate.toFixed()).toBe("1.0921");
    expect(rates.get("EUR")?.rate.toFixed()).toBe("1");
    expect(rates.has("CHF")).toBe(false);
    expect((await getLatestRates({ currencies: ["USD"], onOrBefore: "2024-01-03" })).size).toBe(0);
  });

  it("converts per-currency totals through the euro, and says which rate is missing", async () => {
    await fetchRates({ url: `${base}/eurofxref-daily.xml` });
    // 1095.30 USD = 1000 EUR = 859.90 GBP; 100 GBP owed; 50 EUR.
    const result = await convertTotals({
      totals: [totals("EUR", "50"), totals("GBP", "0", "100"), totals("USD", "1095.30")],
      to: "GBP",
      day: "2024-01-09",
    });
    expect(result.notice).toBeNull();
    expect(result.converted?.currency).toBe("GBP");
    expect(result.converted?.assets.toFixed(2)).toBe("902.90");
    expect(result.converted?.liabilities.toFixed(2)).toBe("100.00");
    expect(result.converted?.netWorth.toFixed(2)).toBe("802.90");
    expect(result.converted?.rateDay).toBe("2024-01-08");

    const missing = await convertTotals({
      totals: [totals("CHF", "10"), totals("GBP", "1")],
      to: "GBP",
      day: "2024-01-09",
    });
    expect(missing).toEqual({
      converted: null,
      notice: "No rate for CHF yet, so totals stay in each account's currency.",
    });
    const same = await convertTotals({ totals: [totals("CHF", "10")], to: "CHF", day: "2024-01-09" });
    expect(same.converted?.netWorth.toFixed(2)).toBe("10.00");
    expect(same.converted?.rateDay).toBeNull();
  });
});
