import { describe, expect, it } from "vitest";
import { fetchRates } from "@/lib/fx";
import { ecbXml, serveRates } from "@/lib/test/ecb";
import { createAccount, createBalance, createConnection, createPreferences, createUser } from "@/lib/test/factories";
import { getNetWorthHistory, type NetWorthPoint } from "./net-worth";

const NOW = new Date("2026-03-10T15:00:00Z");
const at = (day: string, time = "12:00") => new Date(`${day}T${time}:00Z`);

async function household() {
  const user = await createUser();
  const bank = await createConnection({ userId: user.id });
  const account = (data: Parameters<typeof createAccount>[0] extends infer T ? Partial<T> : never) =>
    createAccount({ userId: user.id, plaidConnectionId: bank.id, isoCurrencyCode: "USD", ...data });
  return { user, bank, account };
}

/** A point's figures as plain strings: "USD 100.00/20.00/80.00". */
function figures(point: NetWorthPoint | undefined) {
  return point?.byCurrency.map(
    (total) =>
      `${total.currency} ${total.assets.toFixed(2)}/${total.liabilities.toFixed(2)}/${total.netWorth.toFixed(2)}`,
  );
}

describe("getNetWorthHistory", () => {
  it("carries each account's last balance of a day forward until its next, per currency, from its first row", async () => {
    const { user, account } = await household();
    const checking = await account({ name: "Checking" });
    const card = await account({ name: "Card", type: "credit", subtype: "credit card" });
    const pounds = await account({ name: "Pounds", isoCurrencyCode: "GBP" });
    // Before the month's range: carried into its first day.
    await createBalance({ bankAccountId: checking.id, amount: "100.00", asOfDate: at("2026-01-20") });
    // Two rows on one day: the later as_of_date wins; equal times, the later created_at.
    await createBalance({ bankAccountId: checking.id, amount: "150.00", asOfDate: at("2026-03-01", "08:00") });
    await createBalance({ bankAccountId: checking.id, amount: "175.00", asOfDate: at("2026-03-01", "20:00") });
    await createBalance({ bankAccountId: card.id, amount: "40.00", asOfDate: at("2026-03-05") });
    await createBalance({ bankAccountId: card.id, amount: "60.00", asOfDate: at("2026-03-05") });
    await createBalance({ bankAccountId: pounds.id, amount: "500.00", asOfDate: at("2026-03-08") });
    // A day calculated from transactions counts; on a day the bank reported, the report wins.
    const calculated = { source: "calculated", isCurrent: false } as const;
    await createBalance({
      bankAccountId: pounds.id,
      amount: "480.00",
      asOfDate: at("2026-03-07", "23:59"),
      ...calculated,
    });
    await createBalance({
      bankAccountId: pounds.id,
      amount: "1.00",
      asOfDate: at("2026-03-08", "23:59"),
      ...calculated,
    });
    // Available balances are not net worth.
    await createBalance({
      bankAccountId: checking.id,
      balanceType: "available",
      amount: "9999.00",
      asOfDate: at("2026-03-09"),
    });

    const history = await getNetWorthHistory({ userId: user.id, range: "1m", displayCurrency: null, now: NOW });
    expect(history.points.map((point) => point.date)).toHaveLength(30);
    expect(history.points[0]?.date).toBe("2026-02-09");
    expect(history.currencies).toEqual(["GBP", "USD"]);
    const day = (date: string) => figures(history.points.find((point) => point.date === date));
    expect(day("2026-02-09")).toEqual(["USD 100.00/0.00/100.00"]);
    expect(day("2026-02-28")).toEqual(["USD 100.00/0.00/100.00"]);
    expect(day("2026-03-01")).toEqual(["USD 175.00/0.00/175.00"]);
    expect(day("2026-03-05")).toEqual(["USD 175.00/60.00/115.00"]);
    expect(day("2026-03-07")).toEqual(["GBP 480.00/0.00/480.00", "USD 175.00/60.00/115.00"]);
    // GBP never summed with USD.
    expect(day("2026-03-08")).toEqual(["GBP 500.00/0.00/500.00", "USD 175.00/60.00/115.00"]);
    expect(day("2026-03-10")).toEqual(["GBP 500.00/0.00/500.00", "USD 175.00/60.00/115.00"]);
    expect(history.points.every((point) => point.converted === null)).toBe(true);
    expect(history.notice).toBeNull();

    // A report the day before the range does not beat the range's own first day, calculated or not.
    await createBalance({ bankAccountId: checking.id, amount: "120.00", asOfDate: at("2026-02-08", "09:00") });
    await createBalance({
      bankAccountId: checking.id,
      amount: "130.00",
      asOfDate: at("2026-02-09", "23:59"),
      source: "calculated",
      isCurrent: false,
    });
    const later = await getNetWorthHistory({ userId: user.id, range: "1m", displayCurrency: null, now: NOW });
    expect(figures(later.points[0])).toEqual(["USD 130.00/0.00/130.00"]);

    const all = await getNetWorthHistory({ userId: user.id, range: "all", displayCurrency: null, now: NOW });
    expect(all.points[0]?.date).toBe("2026-01-20");
    expect(all.points).toHaveLength(50);
  });

  it("leaves out hidden, closed and inactive accounts and another person's", async () => {
    const { user, bank, account } = await household();
    const kept = await account({ name: "Kept" });
    const hidden = await account({ name: "Hidden" });
    const closed = await account({ name: "Closed", status: "closed" });
    const inactive = await account({ name: "Inactive", isActive: false });
    const gone = await createConnection({ userId: user.id, isActive: false });
    const orphan = await createAccount({ userId: user.id, plaidConnectionId: gone.id });
    const stranger = await createUser();
    const theirs = await createAccount({
      userId: stranger.id,
      plaidConnectionId: (await createConnection({ userId: stranger.id })).id,
    });
    await createPreferences({ userId: user.id, bankAccountId: hidden.id, hideAccount: true });
    for (const { id } of [kept, hidden, closed, inactive, orphan, theirs]) {
      await createBalance({ bankAccountId: id, amount: "10.00", asOfDate: at("2026-03-09") });
    }
    expect(bank.isActive).toBe(true);
    const history = await getNetWorthHistory({ userId: user.id, range: "1m", displayCurrency: null, now: NOW });
    expect(history.points.map(figures)).toEqual([["USD 10.00/0.00/10.00"], ["USD 10.00/0.00/10.00"]]);

    // An account row that does not hide it leaves it counted.
    await createPreferences({ userId: user.id, bankAccountId: kept.id, hideAccount: false, accountAlias: "Mine" });
    const again = await getNetWorthHistory({ userId: user.id, range: "1m", displayCurrency: null, now: NOW });
    expect(again.points.map(figures)).toEqual([["USD 10.00/0.00/10.00"], ["USD 10.00/0.00/10.00"]]);
  });

  it("converts each day with that day's rate (the latest on or before it), served in the ECB's format", async () => {
    const base = await serveRates({
      "/eurofxref-hist.xml": ecbXml({
        "2026-03-06": { USD: "1.1000", GBP: "0.8000" },
        "2026-03-09": { USD: "1.2000", GBP: "0.8000" },
      }),
    });
    await fetchRates({ url: `${base}/eurofxref-hist.xml` });
    const { user, account } = await household();
    const dollars = await account({ name: "Dollars" });
    const euros = await account({ name: "Euros", isoCurrencyCode: "EUR", type: "loan", subtype: "mortgage" });
    await createBalance({ bankAccountId: dollars.id, amount: "110.00", asOfDate: at("2026-03-05") });
    await createBalance({ bankAccountId: euros.id, amount: "10.00", asOfDate: at("2026-03-07") });

    const history = await getNetWorthHistory({ userId: user.id, range: "1m", displayCurrency: "GBP", now: NOW });
    const day = (date: string) => history.points.find((point) => point.date === date);
    // 5 March: no rate yet, so that day stays per currency and the notice says why.
    expect(day("2026-03-05")?.converted).toBeNull();
    expect(history.notice).toMatch(/No rate for GBP, USD yet.*Days before 2026-03-06 are shown per currency/);
    // 6 March: 110 USD / 1.1 * 0.8 = 80 GBP.
    expect(day("2026-03-06")?.converted?.netWorth.toFixed(2)).toBe("80.00");
    expect(day("2026-03-06")?.rateDay).toBe("2026-03-06");
    // 8 March carries 6 March's rate: 80 GBP of assets, 10 EUR * 0.8 = 8 GBP owed.
    expect(day("2026-03-08")?.converted?.assets.toFixed(2)).toBe("80.00");
    expect(day("2026-03-08")?.converted?.liabilities.toFixed(2)).toBe("8.00");
    expect(day("2026-03-08")?.rateDay).toBe("2026-03-06");
    // 9 March's own rate: 110 / 1.2 * 0.8 = 73.33.
    expect(day("2026-03-10")?.converted?.netWorth.toFixed(2)).toBe("65.33");
    expect(day("2026-03-10")?.rateDay).toBe("2026-03-09");
    expect(figures(day("2026-03-10"))).toEqual(["EUR 0.00/10.00/-10.00", "USD 110.00/0.00/110.00"]);
  });

  it("says which rate is missing, and converts nothing when all is in the display currency", async () => {
    const { user, account } = await household();
    const pounds = await account({ isoCurrencyCode: "GBP" });
    await createBalance({ bankAccountId: pounds.id, amount: "5.00", asOfDate: at("2026-03-10") });
    // No test in this file stores a yen rate; whether other rates exist depends on which ran first.
    const history = await getNetWorthHistory({ userId: user.id, range: "1m", displayCurrency: "JPY", now: NOW });
    expect(history.points[0]?.converted).toBeNull();
    expect(history.notice).toMatch(/^No (exchange rates (configured|fetched yet)|rate for (GBP, )?JPY yet)/);
    const same = await getNetWorthHistory({ userId: user.id, range: "1m", displayCurrency: "GBP", now: NOW });
    expect(same.points[0]?.converted?.netWorth.toFixed(2)).toBe("5.00");
    expect(same.notice).toBeNull();
  });
});
