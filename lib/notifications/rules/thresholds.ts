// The two balance rules as pure state machines: given what the rule saw last (an alert_states row) and
// the balance now, the state to store next and whether this sync is the moment to alert. Firing on a
// change of side, not on a side, is what makes an alert come once per crossing rather than every sync.
import type { Prisma } from "@/lib/db";
import type { RuleState } from "./types";

export type ThresholdSide = "above" | "below";
export type ThresholdState = { state: ThresholdSide; threshold: Prisma.Decimal };

type ThresholdInput = {
  previous: ThresholdState | null;
  balance: Prisma.Decimal | null;
  threshold: Prisma.Decimal | null;
};

/** A stored state as a threshold state, when it is one (a side and the threshold it was measured against). */
export function asThresholdState(row: RuleState | null): ThresholdState | null {
  if (!row?.threshold || (row.state !== "above" && row.state !== "below")) return null;
  return { state: row.state, threshold: row.threshold };
}

/** A state only compares with a balance measured against the same threshold. */
function sameThreshold(previous: ThresholdState | null, threshold: Prisma.Decimal): previous is ThresholdState {
  return previous?.threshold.equals(threshold) === true;
}

/**
 * balance_alerts: the current balance moved to the other side of the threshold since the last sync.
 * Reaching the threshold exactly counts as above. Without a remembered side for this threshold (first
 * sync, or the person changed it) nothing is known to have crossed: the side is only recorded.
 * No balance or no threshold: `next` is null, so the lead forgets the state.
 */
export function evaluateBalanceThreshold({ previous, balance, threshold }: ThresholdInput): {
  next: ThresholdState | null;
  crossed: null | "up" | "down";
} {
  if (balance === null || threshold === null) return { next: null, crossed: null };
  const side: ThresholdSide = balance.greaterThanOrEqualTo(threshold) ? "above" : "below";
  const next = { state: side, threshold };
  if (!sameThreshold(previous, threshold) || previous.state === side) return { next, crossed: null };
  return { next, crossed: side === "above" ? "up" : "down" };
}

/**
 * low_balance_alert: the balance (available, else current: the caller picks) dropped below the
 * threshold. It fires on the drop, stays quiet while the balance stays below, and is re-armed once the
 * balance is back at or above the threshold. A first balance (or a new threshold) already below alerts,
 * as lib/preferences/rules.ts documents: being low is the news, whether or not we saw the fall.
 */
export function evaluateLowBalance({ previous, balance, threshold }: ThresholdInput): {
  next: ThresholdState | null;
  fell: boolean;
} {
  if (balance === null || threshold === null) return { next: null, fell: false };
  const below = balance.lessThan(threshold);
  const next: ThresholdState = { state: below ? "below" : "above", threshold };
  if (!sameThreshold(previous, threshold)) return { next, fell: below };
  return { next, fell: below && previous.state === "above" };
}
