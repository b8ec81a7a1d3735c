// The retirement accounts: one simulated market (trading days only, upward drift with volatility)
// that both follow, the 401k also receiving a contribution and employer match every payday.
import "server-only";
import { isBiweeklyFriday, type SeedDay } from "./calendar";
import { createRandom } from "./random";

const ANNUAL_DRIFT = 0.08;
const ANNUAL_VOLATILITY = 0.16;
const TRADING_DAYS = 252;
const IRA_OPENING_CENTS = 1_843_562;
const K401_OPENING_CENTS = 4_806_419;
/** 6% of pay plus a 50% match, per payday. */
const K401_CONTRIBUTION_CENTS = 35_600;

export interface InvestmentSeries {
  ira: number[];
  k401: number[];
}

export function simulateInvestments(days: readonly SeedDay[]): InvestmentSeries {
  const market = createRandom("stock-market");
  const idiosyncratic = createRandom("portfolio-mix");
  const drift = ANNUAL_DRIFT / TRADING_DAYS;
  const volatility = ANNUAL_VOLATILITY / Math.sqrt(TRADING_DAYS);
  let ira = IRA_OPENING_CENTS;
  let k401 = K401_OPENING_CENTS;
  const result: InvestmentSeries = { ira: [], k401: [] };
  for (const day of days) {
    if (!day.isWeekend) {
      const marketReturn = drift + volatility * market.normal();
      // The IRA is all equities; the 401k's target-date fund holds some bonds.
      ira *= 1 + 1.1 * marketReturn + 0.002 * idiosyncratic.normal();
      k401 *= 1 + 0.8 * marketReturn + 0.001 * idiosyncratic.normal();
    }
    if (isBiweeklyFriday(day)) k401 += K401_CONTRIBUTION_CENTS;
    result.ira.push(Math.round(ira));
    result.k401.push(Math.round(k401));
  }
  return result;
}
