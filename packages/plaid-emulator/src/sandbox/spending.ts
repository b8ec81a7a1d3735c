// How often the sandbox person spends where, by account: the everyday card and debit purchases that
// sit between the scheduled paychecks, bills and transfers.
import type { Rng } from "./prng.ts";

export type SpendingStream = {
  role: "checking" | "card";
  merchants: readonly string[];
  /** Expected transactions per week. */
  perWeek: number;
  /** Multiplier on Saturdays and Sundays. */
  weekend?: number;
  /** Money arriving (a Venmo cash-out) rather than leaving. */
  incoming?: boolean;
};

export const SPENDING_STREAMS: readonly SpendingStream[] = [
  { role: "checking", merchants: ["whole-foods", "safeway", "trader-joes"], perWeek: 1.8, weekend: 1.6 },
  { role: "checking", merchants: ["starbucks", "philz"], perWeek: 1, weekend: 0.5 },
  { role: "checking", merchants: ["mcdonalds", "kfc", "chipotle"], perWeek: 0.8 },
  { role: "checking", merchants: ["shell", "chevron"], perWeek: 0.6 },
  { role: "checking", merchants: ["walgreens", "cvs"], perWeek: 0.3 },
  { role: "checking", merchants: ["atm"], perWeek: 0.12 },
  { role: "checking", merchants: ["venmo-out"], perWeek: 0.35, weekend: 1.5 },
  { role: "checking", merchants: ["venmo-in"], perWeek: 0.12, incoming: true },
  { role: "card", merchants: ["starbucks", "blue-bottle", "philz"], perWeek: 1.8, weekend: 0.6 },
  { role: "card", merchants: ["tectra", "cheesecake", "sweetgreen", "doordash"], perWeek: 1.3, weekend: 1.8 },
  { role: "card", merchants: ["mcdonalds", "kfc", "chipotle"], perWeek: 0.6 },
  { role: "card", merchants: ["uber", "lyft"], perWeek: 1.4, weekend: 1.5 },
  { role: "card", merchants: ["clipper"], perWeek: 0.5, weekend: 0.2 },
  { role: "card", merchants: ["amazon", "target"], perWeek: 1.1 },
  { role: "card", merchants: ["sparkfun", "madison-bicycle", "rei"], perWeek: 0.25 },
  { role: "card", merchants: ["united", "southwest"], perWeek: 0.06 },
  { role: "card", merchants: ["airbnb", "marriott"], perWeek: 0.05 },
];

/** Merchants a dynamic sandbox user buys from between refreshes. */
export const EVERYDAY_MERCHANTS = ["starbucks", "blue-bottle", "sweetgreen", "tectra", "uber", "lyft", "amazon"];

/** Merchants where the posted amount can exceed the authorization: a tip is added after the card is run. */
export const TIPPED_PFC = new Set(["FOOD_AND_DRINK_RESTAURANT", "TRANSPORTATION_TAXIS_AND_RIDE_SHARES"]);

// Knuth's method; the rates here are small, so the loop is short.
export function drawCount(rng: Rng, expected: number): number {
  const limit = Math.exp(-expected);
  let product = rng.next();
  let count = 0;
  while (product > limit) {
    count++;
    product *= rng.next();
  }
  return count;
}

/** Days from authorization to posting for a card purchase: mostly next day, rarely three. */
export function drawPostingLag(rng: Rng): number {
  const roll = rng.next();
  return roll < 0.3 ? 0 : roll < 0.75 ? 1 : roll < 0.95 ? 2 : 3;
}

export function drawConfidence(rng: Rng): "VERY_HIGH" | "HIGH" | "MEDIUM" {
  const roll = rng.next();
  return roll < 0.8 ? "VERY_HIGH" : roll < 0.95 ? "HIGH" : "MEDIUM";
}
