// How fresh a bank's data is and whether the bank is having trouble, from what the item health check
// stored: the bank's last successful update (Plaid's /item/get) and the institution's status. Pure, so
// the account list, the account page and tests agree on one rule.
import type { InstitutionStatus } from "@/lib/db/vocabulary";

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

/** The default allowance: a bank that gave nothing for 3 days is behind. */
export const DEFAULT_STALE_AFTER_MS = 3 * DAY;

// Plaid updates most items a few times a day whatever the app asks; a weekly connection allows a week
// and a half, every other frequency the default.
const STALE_AFTER_MS: Record<string, number> = { weekly: 10 * DAY };

export type BankHealth = {
  /** When the bank last gave Plaid new data; null until the first check. */
  lastUpdatedAt: Date | null;
  /** The bank has not updated for longer than the connection's sync frequency allows. */
  stale: boolean;
  /** DEGRADED or DOWN when the bank is having trouble; null when healthy or unknown. */
  trouble: Exclude<InstitutionStatus, "HEALTHY"> | null;
};

export function staleAfterMs(syncFrequency: string): number {
  return STALE_AFTER_MS[syncFrequency] ?? DEFAULT_STALE_AFTER_MS;
}

export function describeBankHealth({
  bankLastUpdatedAt,
  institutionStatus,
  syncFrequency,
  now = new Date(),
}: {
  bankLastUpdatedAt: Date | null;
  institutionStatus: string | null;
  syncFrequency: string;
  now?: Date;
}): BankHealth {
  const stale = bankLastUpdatedAt !== null && now.getTime() - bankLastUpdatedAt.getTime() > staleAfterMs(syncFrequency);
  const trouble = institutionStatus === "DEGRADED" || institutionStatus === "DOWN" ? institutionStatus : null;
  return { lastUpdatedAt: bankLastUpdatedAt, stale, trouble };
}
