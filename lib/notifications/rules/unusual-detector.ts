// unusual_activity_alerts: a new charge far outside the account's own last 90 days. Four simple rules,
// each explainable in one sentence that becomes the alert's reason. Only charges (amount > 0) are
// judged; money coming in is never "unusual". The limits are in the account's currency units.
import type { Prisma } from "@/lib/db";
import { type AlertTransaction, isCharge, merchantKey, merchantLabel } from "./alert-transaction";
import { categoryWords, dayKey, formatAmount, formatDay, formatRatio } from "./format";

/** How far back the history the caller passes reaches; the reasons say so. */
export const UNUSUAL_HISTORY_DAYS = 90;

export const UNUSUAL_LIMITS = {
  /** merchant_amount: at least `ratio` times the merchant's median and `minExcess` above it. */
  merchant: { minCharges: 3, ratio: 3, minExcess: 50 },
  /** category_amount, when the merchant has fewer than merchant.minCharges charges. */
  category: { minCharges: 5, ratio: 4, minExcess: 100 },
  /** new_merchant: a first charge of at least max(minAmount, ratio × the account's median charge). */
  newMerchant: { minHistoryCharges: 10, minAmount: 200, ratio: 3 },
  /** burst: this many charges at one merchant on one day, where no day before had more than maxUsualPerDay. */
  burst: { minCharges: 4, maxUsualPerDay: 2 },
} as const;

export type UnusualRule = "merchant_amount" | "category_amount" | "new_merchant" | "burst";
export type UnusualFinding = { rule: UnusualRule; reason: string };

/** The account's past charges in one currency, grouped the ways the rules compare. */
type Profile = {
  all: Prisma.Decimal[];
  byMerchant: Map<string, Prisma.Decimal[]>;
  byCategory: Map<string, Prisma.Decimal[]>;
  /** merchant key -> day -> number of charges */
  perDay: Map<string, Map<string, number>>;
};

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function buildProfile(charges: AlertTransaction[]): Profile {
  const profile: Profile = { all: [], byMerchant: new Map(), byCategory: new Map(), perDay: new Map() };
  for (const charge of charges) {
    const key = merchantKey(charge);
    profile.all.push(charge.amount);
    push(profile.byMerchant, key, charge.amount);
    if (charge.categoryPrimary) push(profile.byCategory, charge.categoryPrimary, charge.amount);
    const days = profile.perDay.get(key) ?? new Map<string, number>();
    days.set(dayKey(charge.date), (days.get(dayKey(charge.date)) ?? 0) + 1);
    profile.perDay.set(key, days);
  }
  return profile;
}

/** The middle amount (the mean of the two middle ones for an even count); callers pass at least one. */
function median(amounts: Prisma.Decimal[]): Prisma.Decimal {
  const sorted = [...amounts].sort((a, b) => a.comparedTo(b));
  const upper = sorted[Math.floor(sorted.length / 2)];
  const lower = sorted[Math.ceil(sorted.length / 2) - 1];
  if (!upper || !lower) throw new Error("median of no amounts");
  return lower.plus(upper).div(2);
}

/** At least `ratio` times the usual amount and at least `minExcess` more: both, so small sums stay quiet. */
function farAbove(amount: Prisma.Decimal, usual: Prisma.Decimal, limits: { ratio: number; minExcess: number }) {
  return amount.gte(usual.times(limits.ratio)) && amount.minus(usual).gte(limits.minExcess);
}

function chargeWords(charge: AlertTransaction, amount: Prisma.Decimal = charge.amount): string {
  return formatAmount(amount, charge.isoCurrencyCode);
}

function merchantAmount(charge: AlertTransaction, amounts: Prisma.Decimal[]): UnusualFinding | null {
  const usual = median(amounts);
  if (!farAbove(charge.amount, usual, UNUSUAL_LIMITS.merchant)) return null;
  const ratio = formatRatio(charge.amount.div(usual));
  return {
    rule: "merchant_amount",
    reason:
      `${chargeWords(charge)} at ${merchantLabel(charge)} is ${ratio}× your usual ${chargeWords(charge, usual)} there ` +
      `(median of ${amounts.length} charges in the last ${UNUSUAL_HISTORY_DAYS} days).`,
  };
}

function categoryAmount(charge: AlertTransaction, profile: Profile): UnusualFinding | null {
  const amounts = charge.categoryPrimary ? profile.byCategory.get(charge.categoryPrimary) : undefined;
  if (!charge.categoryPrimary || !amounts || amounts.length < UNUSUAL_LIMITS.category.minCharges) return null;
  const usual = median(amounts);
  if (!farAbove(charge.amount, usual, UNUSUAL_LIMITS.category)) return null;
  const ratio = formatRatio(charge.amount.div(usual));
  return {
    rule: "category_amount",
    reason:
      `${chargeWords(charge)} at ${merchantLabel(charge)} is ${ratio}× your usual ${chargeWords(charge, usual)} ` +
      `for ${categoryWords(charge.categoryPrimary)} (median of ${amounts.length} charges in the last ${UNUSUAL_HISTORY_DAYS} days).`,
  };
}

function newMerchant(charge: AlertTransaction, profile: Profile): UnusualFinding | null {
  const limits = UNUSUAL_LIMITS.newMerchant;
  if (profile.all.length < limits.minHistoryCharges) return null;
  const typical = median(profile.all);
  const scaled = typical.times(limits.ratio);
  const floor = scaled.gt(limits.minAmount) ? scaled : limits.minAmount;
  if (charge.amount.lt(floor)) return null;
  return {
    rule: "new_merchant",
    reason:
      `First charge from ${merchantLabel(charge)} in ${UNUSUAL_HISTORY_DAYS} days, and at ${chargeWords(charge)} ` +
      `it is ${formatRatio(charge.amount.div(typical))}× your typical charge of ${chargeWords(charge, typical)}.`,
  };
}

/**
 * The amount rules in order: the merchant's own history when it has enough, else the category's, else
 * whether the merchant is new. `introduced` holds merchants an earlier charge of this batch already
 * brought in, so only the first of several charges at a new merchant is "the first charge".
 */
function amountFinding(charge: AlertTransaction, profile: Profile, introduced: Set<string>): UnusualFinding | null {
  const key = merchantKey(charge);
  const merchantAmounts = profile.byMerchant.get(key) ?? [];
  if (merchantAmounts.length >= UNUSUAL_LIMITS.merchant.minCharges) return merchantAmount(charge, merchantAmounts);
  const byCategory = categoryAmount(charge, profile);
  if (byCategory) return byCategory;
  if (merchantAmounts.length > 0 || introduced.has(key)) return null;
  return newMerchant(charge, profile);
}

/**
 * burst: the day's charges at one merchant (this batch's and the history's) reach minCharges, which
 * no other day in the history came near. One finding per burst, on its latest charge without another
 * finding; a day whose history already held a burst was reported by an earlier sync.
 */
function burstFindings(
  charges: AlertTransaction[],
  profileOf: (currency: string) => Profile,
  findings: Map<string, UnusualFinding>,
) {
  const groups = new Map<string, AlertTransaction[]>();
  for (const charge of charges) {
    push(groups, JSON.stringify([charge.isoCurrencyCode, merchantKey(charge), dayKey(charge.date)]), charge);
  }
  const limits = UNUSUAL_LIMITS.burst;
  for (const group of groups.values()) {
    const first = group[0];
    if (!first) continue;
    const day = dayKey(first.date);
    const days = profileOf(first.isoCurrencyCode).perDay.get(merchantKey(first)) ?? new Map<string, number>();
    const before = days.get(day) ?? 0;
    const total = before + group.length;
    const usual = Math.max(0, ...[...days].filter(([other]) => other !== day).map(([, count]) => count));
    if (total < limits.minCharges || before >= limits.minCharges || usual > limits.maxUsualPerDay) continue;
    const target = group.findLast((charge) => !findings.has(charge.transactionId));
    if (!target) continue;
    const usually =
      usual === 0
        ? `you had no other charges there in the last ${UNUSUAL_HISTORY_DAYS} days`
        : `usually at most ${usual} a day`;
    findings.set(target.transactionId, {
      rule: "burst",
      reason: `${total} charges from ${merchantLabel(target)} on ${formatDay(first.date)}; ${usually}.`,
    });
  }
}

/**
 * Judges each new posted charge against the account's posted charges of the 90 days before. At most
 * one finding per transaction, keyed by its Plaid transaction_id: the first of merchant_amount,
 * category_amount, new_merchant, burst that matches. Deterministic: the same input gives the same map.
 */
export function detectUnusualActivity({
  transactions,
  history,
}: {
  transactions: AlertTransaction[];
  history: AlertTransaction[];
}): Map<string, UnusualFinding> {
  const newIds = new Set(transactions.map((transaction) => transaction.transactionId));
  // A transaction is never part of its own history, even if the caller's window overlapped.
  const past = history.filter((t) => isCharge(t) && !t.pending && !newIds.has(t.transactionId));
  const profiles = new Map<string, Profile>();
  const profileOf = (currency: string): Profile => {
    const cached = profiles.get(currency);
    if (cached) return cached;
    const profile = buildProfile(past.filter((t) => t.isoCurrencyCode === currency));
    profiles.set(currency, profile);
    return profile;
  };

  // Oldest first (a stable sort keeps the caller's order within a day), so "first" means first.
  const charges = transactions
    .filter((t) => isCharge(t) && !t.pending)
    .sort((a, b) => a.date.getTime() - b.date.getTime());
  const findings = new Map<string, UnusualFinding>();
  const introduced = new Set<string>();
  for (const charge of charges) {
    const finding = amountFinding(charge, profileOf(charge.isoCurrencyCode), introduced);
    if (finding) findings.set(charge.transactionId, finding);
    introduced.add(merchantKey(charge));
  }
  burstFindings(charges, profileOf, findings);
  return findings;
}
