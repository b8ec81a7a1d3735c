// The TypeScript vocabularies must equal the CHECK constraints the migration created, value for value
// and in order, so neither can change without the other.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import {
  ACCOUNT_STATUSES,
  ACCOUNT_TYPES,
  ALERT_STATES,
  ATTEMPT_OUTCOMES,
  AUDIT_ACTIONS,
  BALANCE_SOURCES,
  BALANCE_TYPES,
  DELIVERY_CHANNELS,
  INSTITUTION_STATUSES,
  MESSAGE_STATUSES,
  NOTIFICATION_FREQUENCIES,
  SYNC_FREQUENCIES,
  SYNC_STATUSES,
  SYNC_TYPES,
  TERMINAL_SYNC_STATUSES,
  TIME_FORMATS,
  USER_TOKEN_PURPOSES,
  VERIFICATION_STATUSES,
} from "./vocabulary";

const CONSTRAINTS: [table: string, constraint: string, values: readonly string[]][] = [
  ["bank_accounts", "chk_account_type", ACCOUNT_TYPES],
  ["bank_accounts", "chk_account_status", ACCOUNT_STATUSES],
  ["bank_accounts", "chk_verification_status", VERIFICATION_STATUSES],
  ["transaction_syncs", "chk_sync_type", SYNC_TYPES],
  ["transaction_syncs", "chk_sync_status", SYNC_STATUSES],
  ["account_balances", "chk_balance_type", BALANCE_TYPES],
  ["account_balances", "chk_balance_source", BALANCE_SOURCES],
  ["plaid_connections", "chk_sync_frequency", SYNC_FREQUENCIES],
  ["banking_preferences", "chk_preferences_sync_frequency", SYNC_FREQUENCIES],
  ["banking_preferences", "chk_notification_frequency", NOTIFICATION_FREQUENCIES],
  ["banking_preferences", "chk_preferences_time_format", TIME_FORMATS],
  ["alert_states", "chk_alert_states_state", ALERT_STATES],
  ["notification_messages", "chk_notification_message_channel", DELIVERY_CHANNELS],
  ["notification_messages", "chk_notification_message_frequency", NOTIFICATION_FREQUENCIES],
  ["notification_messages", "chk_notification_message_status", MESSAGE_STATUSES],
  ["notification_delivery_attempts", "chk_delivery_attempt_outcome", ATTEMPT_OUTCOMES],
  ["plaid_connections", "chk_institution_status", INSTITUTION_STATUSES],
  ["user_tokens", "chk_user_tokens_purpose", USER_TOKEN_PURPOSES],
  ["audit_events", "chk_audit_events_action", AUDIT_ACTIONS],
];

async function readCheckValues({ table, constraint }: { table: string; constraint: string }): Promise<string[]> {
  const rows = await db.$queryRaw<{ definition: string }[]>`
    SELECT pg_get_constraintdef(oid) AS definition FROM pg_constraint
    WHERE conname = ${constraint} AND conrelid = ${table}::regclass AND contype = 'c'`;
  expect(rows, `${table}.${constraint} exists`).toHaveLength(1);
  // PostgreSQL prints `col IN (...)` as `col = ANY (ARRAY['a'::text, 'b'::text])`.
  return [...(rows[0]?.definition ?? "").matchAll(/'((?:[^']|'')*)'::text/g)].map((match) =>
    (match[1] ?? "").replaceAll("''", "'"),
  );
}

describe("vocabularies", () => {
  it.each(CONSTRAINTS)("%s.%s lists exactly the TypeScript values", async (table, constraint, values) => {
    expect(await readCheckValues({ table, constraint })).toEqual([...values]);
  });

  it("terminal sync statuses are sync statuses other than pending and in_progress", () => {
    expect([...TERMINAL_SYNC_STATUSES].sort()).toEqual(
      SYNC_STATUSES.filter((status) => status !== "pending" && status !== "in_progress").sort(),
    );
  });
});
