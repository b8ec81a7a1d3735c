// The exchange-rates capability's public face: the ECB's reference rates parsed, stored and fetched,
// and totals converted into a person's display currency with them (docs/features.md, Currencies).
import "server-only";

export {
  type ConvertedTotals,
  type CurrencyTotals,
  convertTotals,
  crossRate,
  type TotalsConversion,
  unconvertedNotice,
} from "./convert";
export { type EcbDay, parseEcbRates } from "./ecb";
export { type EurRate, fetchRates, getLatestRates, hasAnyRates, type ImportReport, importEcbXml } from "./rates";
