// Each institution's health as /institutions/get_by_id reports it with options.include_status. One
// status per institution, set by tests through /emulator/institutions/set_status; an institution never
// set is HEALTHY. The figures in each breakdown follow the status, as Plaid's share of good logins does.
import type { InstitutionStatus, ProductStatus } from "plaid";
import { ProductStatusBreakdownRefreshIntervalEnum, ProductStatusStatusEnum } from "plaid";
import { plaidTimestamp } from "./items.ts";
import type { Sql } from "./store/store.ts";

export const INSTITUTION_STATUSES = ["HEALTHY", "DEGRADED", "DOWN"] as const;
export type InstitutionHealth = (typeof INSTITUTION_STATUSES)[number];

type StatusRow = { status: InstitutionHealth; last_status_change: Date };

// Shares of attempts that succeed or fail on Plaid's side or the bank's, by status (they sum to 1).
const BREAKDOWN: Record<InstitutionHealth, { success: number; error_plaid: number; error_institution: number }> = {
  HEALTHY: { success: 0.97, error_plaid: 0.01, error_institution: 0.02 },
  DEGRADED: { success: 0.6, error_plaid: 0.02, error_institution: 0.38 },
  DOWN: { success: 0.05, error_plaid: 0.01, error_institution: 0.94 },
};

const REFRESH_INTERVAL: Record<InstitutionHealth, ProductStatusBreakdownRefreshIntervalEnum> = {
  HEALTHY: ProductStatusBreakdownRefreshIntervalEnum.Normal,
  DEGRADED: ProductStatusBreakdownRefreshIntervalEnum.Delayed,
  DOWN: ProductStatusBreakdownRefreshIntervalEnum.Stopped,
};

const STATUS_ENUM: Record<InstitutionHealth, ProductStatusStatusEnum> = {
  HEALTHY: ProductStatusStatusEnum.Healthy,
  DEGRADED: ProductStatusStatusEnum.Degraded,
  DOWN: ProductStatusStatusEnum.Down,
};

async function loadStatusRow(sql: Sql, institutionId: string): Promise<StatusRow | null> {
  const [row] = await sql.query<StatusRow>(
    "SELECT status, last_status_change FROM plaid_emulator.institution_status WHERE institution_id = $1",
    [institutionId],
  );
  return row ?? null;
}

/** Plaid's InstitutionStatus for the institution; `since` stands in for an institution never changed. */
export async function institutionStatus(
  sql: Sql,
  { institutionId, since }: { institutionId: string; since: Date },
): Promise<InstitutionStatus> {
  const row = (await loadStatusRow(sql, institutionId)) ?? { status: "HEALTHY", last_status_change: since };
  const product = (withInterval: boolean): ProductStatus => ({
    status: STATUS_ENUM[row.status],
    last_status_change: plaidTimestamp(row.last_status_change),
    breakdown: {
      ...BREAKDOWN[row.status],
      ...(withInterval ? { refresh_interval: REFRESH_INTERVAL[row.status] } : {}),
    },
  });
  // Logins and transaction updates are what a bank outage touches; Plaid reports each product apart.
  return {
    item_logins: product(false),
    transactions_updates: product(true),
    auth: product(false),
    identity: product(false),
    investments_updates: product(true),
    liabilities_updates: product(true),
    liabilities: product(false),
    investments: product(false),
    health_incidents: null,
  };
}

/** Sets the institution's status; last_status_change moves only when the status changes. */
export async function setInstitutionStatus(
  sql: Sql,
  { institutionId, status, now }: { institutionId: string; status: InstitutionHealth; now: Date },
): Promise<void> {
  await sql.query(
    `INSERT INTO plaid_emulator.institution_status (institution_id, status, last_status_change)
     VALUES ($1, $2, $3)
     ON CONFLICT (institution_id) DO UPDATE SET
       status = EXCLUDED.status,
       last_status_change = CASE WHEN plaid_emulator.institution_status.status = EXCLUDED.status
         THEN plaid_emulator.institution_status.last_status_change ELSE EXCLUDED.last_status_change END`,
    [institutionId, status, now],
  );
}
