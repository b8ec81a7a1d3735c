// The migrated tables as the catalog sees them: every column with its exact type, key nullability,
// every index the seed lists plus the composite ones the queries need, and the unique rules at work.
import { describe, expect, test } from "vitest";
import { db } from "@/lib/db";
import { databaseError } from "@/lib/test/database-errors";
import { createConnection, createPreferences, createUser, createUserWithAccount } from "@/lib/test/factories";

const uniqueViolation = (constraint: string) => ({
  code: "23505",
  message: expect.stringContaining(`"${constraint}"`),
});

// Short type names: money = numeric(15,2), tz = timestamptz, float = double precision, json = jsonb.
const columns: Record<string, string> = {
  users:
    "id uuid, email text, name text, password_hash text, role text, email_verified tz, image text, created_at tz, updated_at tz, " +
    "phone_number text, admin_granted_at tz",
  plaid_connections:
    "id uuid, user_id uuid, access_token text, item_id text, institution_id text, institution_name text, " +
    "institution_logo text, institution_primary_color text, institution_url text, is_active boolean, " +
    "requires_reauth boolean, last_error text, last_error_at tz, error_count integer, maintenance_until tz, " +
    "last_sync_at tz, next_sync_at tz, sync_frequency text, link_token text, link_token_expires_at tz, " +
    "retry_count integer, metadata json, settings json, transactions_cursor text, created_at tz, updated_at tz, " +
    "paused_at tz, access_token_key_id text, sync_lease_owner text, sync_lease_expires_at tz, " +
    "consent_expires_at tz, access_ends_at tz, bank_last_updated_at tz, health_checked_at tz, " +
    "institution_status text, institution_status_checked_at tz, transactions_refreshed_at tz, webhook_url text",
  bank_accounts:
    "id uuid, user_id uuid, plaid_connection_id uuid, account_id text, name text, mask text, type text, subtype text, " +
    "account_type text, status text, verification_status text, is_active boolean, current_balance money, " +
    "available_balance money, credit_limit money, payment_due money, interest_rate float, apr float, " +
    "minimum_balance money, monthly_fee money, account_number text, routing_number text, metadata json, tags json, " +
    "notes text, iso_currency_code text, last_sync_at tz, created_at tz, updated_at tz, liability_kind text, " +
    "next_payment_due_date date, last_payment_amount money, last_payment_date date, is_overdue boolean, " +
    "liabilities_updated_at tz",
  transaction_syncs:
    "id uuid, bank_account_id uuid, plaid_connection_id uuid, sync_type text, status text, started_at tz, " +
    "completed_at tz, duration float, records_processed integer, records_failed integer, records_added integer, " +
    "records_updated integer, records_deleted integer, error_message text, error_code text, retry_count integer, " +
    "retry_after tz, context json, metadata json, created_at tz, updated_at tz, worker_id text, heartbeat_at tz",
  account_balances:
    "id uuid, bank_account_id uuid, balance_type text, amount money, currency text, as_of_date tz, is_current boolean, " +
    "source text, previous_amount money, change_amount money, change_percentage float, metadata json, created_at tz, " +
    "updated_at tz",
  banking_preferences:
    "id uuid, user_id uuid, bank_account_id uuid, sync_frequency text, auto_sync boolean, sync_on_login boolean, " +
    "balance_alerts boolean, balance_threshold money, low_balance_alert boolean, low_balance_threshold money, " +
    "transaction_notifications boolean, large_transaction_threshold money, unusual_activity_alerts boolean, " +
    "email_notifications boolean, push_notifications boolean, sms_notifications boolean, in_app_notifications boolean, " +
    "notification_frequency text, share_analytics boolean, share_aggregated_data boolean, allow_marketing_emails boolean, " +
    "default_currency text, date_format text, time_format text, show_balances boolean, " +
    "show_transaction_details boolean, account_alias text, account_color text, account_icon text, hide_account boolean, " +
    "metadata json, created_at tz, updated_at tz, connection_expiring_alert boolean",
  transactions:
    "id uuid, bank_account_id uuid, transaction_id text, amount money, iso_currency_code text, date date, " +
    "authorized_date date, name text, merchant_name text, pending boolean, pending_transaction_id text, " +
    "category_primary text, category_detailed text, payment_channel text, created_at tz, updated_at tz",
  alert_states:
    "id uuid, bank_account_id uuid, plaid_connection_id uuid, rule text, state text, threshold money, watermark tz, " +
    "changed_at tz, updated_at tz",
  notifications:
    "id uuid, user_id uuid, bank_account_id uuid, plaid_connection_id uuid, kind text, title text, body text, " +
    "reason text, data json, dedupe_key text, in_app boolean, created_at tz, read_at tz",
  notification_messages:
    "id uuid, user_id uuid, channel text, frequency text, dedupe_key text, period_start tz, period_end tz, status text, " +
    "attempts integer, next_attempt_at tz, locked_at tz, last_error text, sent_at tz, created_at tz, updated_at tz",
  notification_deliveries: "notification_id uuid, channel text, message_id uuid, created_at tz",
  notification_delivery_attempts:
    "id uuid, message_id uuid, attempt integer, channel text, outcome text, provider_id text, error text, " +
    "duration_ms integer, created_at tz",
  push_subscriptions:
    "id uuid, user_id uuid, endpoint text, p256dh text, auth text, user_agent text, created_at tz, last_success_at tz",
  user_sessions:
    "id uuid, user_id uuid, created_at tz, last_seen_at tz, expires_at tz, user_agent text, ip_address text, country text, " +
    "second_factor_pending boolean",
  user_totp:
    "user_id uuid, secret text, key_id text, created_at tz, confirmed_at tz, last_used_step bigint, " +
    "setup_session_id uuid",
  recovery_codes: "id uuid, user_id uuid, code_hash text, created_at tz, used_at tz",
  passkeys:
    "id uuid, user_id uuid, credential_id text, public_key bytea, counter bigint, transports ARRAY, backed_up boolean, " +
    "name text, created_at tz, last_used_at tz",
  passkey_challenges: "id uuid, purpose text, challenge text, session_id uuid, name text, created_at tz, expires_at tz",
  user_tokens:
    "id uuid, user_id uuid, purpose text, token_hash text, created_at tz, expires_at tz, used_at tz, email text",
  audit_events:
    "id uuid, user_id uuid, actor_id uuid, action text, ip_address text, user_agent text, detail json, created_at tz",
};

const notNull: Record<string, string[]> = {
  users: ["id", "email", "role", "created_at", "updated_at"],
  plaid_connections: ["id", "user_id", "access_token", "item_id", "institution_id", "institution_name", "is_active"],
  bank_accounts: ["id", "user_id", "account_id", "name", "type", "status", "is_active"],
  transaction_syncs: ["id", "plaid_connection_id", "sync_type", "status", "records_processed"],
  account_balances: ["id", "bank_account_id", "balance_type", "amount", "currency", "as_of_date", "is_current"],
  banking_preferences: ["id", "user_id", "metadata"],
  user_sessions: ["second_factor_pending"],
  user_totp: ["user_id", "secret", "key_id", "created_at"],
  recovery_codes: ["id", "user_id", "code_hash", "created_at"],
  passkeys: [
    "id",
    "user_id",
    "credential_id",
    "public_key",
    "counter",
    "transports",
    "backed_up",
    "name",
    "created_at",
  ],
  passkey_challenges: ["id", "purpose", "challenge", "created_at", "expires_at"],
  transactions: ["id", "bank_account_id", "transaction_id", "amount", "date", "name"],
};

// Columns that must stay nullable: NULL carries a meaning there.
const nullable: Record<string, string[]> = {
  transaction_syncs: ["bank_account_id", "completed_at"],
  banking_preferences: ["bank_account_id", "sync_frequency", "notification_frequency", "account_alias"],
  account_balances: ["previous_amount", "change_amount", "change_percentage"],
  // A manual account has no connection (chk_bank_accounts_manual ties it to its manual-<id> key).
  bank_accounts: ["last_sync_at", "current_balance", "plaid_connection_id"],
};

async function describeColumns(table: string) {
  return db.$queryRawUnsafe<{ column_name: string; type: string; is_nullable: string }[]>(
    `SELECT column_name, is_nullable,
            CASE data_type
              WHEN 'numeric' THEN 'numeric(' || numeric_precision || ',' || numeric_scale || ')'
              WHEN 'timestamp with time zone' THEN 'timestamptz(' || datetime_precision || ')'
              ELSE data_type END AS type
     FROM information_schema.columns
     WHERE table_schema = current_schema() AND table_name = $1
     ORDER BY ordinal_position`,
    table,
  );
}

const longType: Record<string, string> = {
  money: "numeric(15,2)",
  tz: "timestamptz(6)",
  float: "double precision",
  json: "jsonb",
};

describe("columns", () => {
  test.each(Object.keys(columns))("%s has exactly the expected columns and types, in order", async (table) => {
    const expected = (columns[table] ?? "").split(", ").map((entry) => {
      const [name = "", type = ""] = entry.split(" ");
      return `${name} ${longType[type] ?? type}`;
    });
    const actual = (await describeColumns(table)).map((column) => `${column.column_name} ${column.type}`);
    expect(actual).toEqual(expected);
  });

  test.each(Object.keys(notNull))("%s: key columns are NOT NULL, meaningful NULLs allowed", async (table) => {
    const nullability = new Map((await describeColumns(table)).map((c) => [c.column_name, c.is_nullable]));
    for (const column of notNull[table] ?? []) expect([column, nullability.get(column)]).toEqual([column, "NO"]);
    for (const column of nullable[table] ?? []) expect([column, nullability.get(column)]).toEqual([column, "YES"]);
  });
});

// name -> [table, column list as pg_get_indexdef prints it, unique?]
const indexes: Record<string, [string, string, boolean?]> = {
  idx_bank_accounts_user_id: ["bank_accounts", "user_id"],
  idx_bank_accounts_plaid_connection_id: ["bank_accounts", "plaid_connection_id"],
  idx_bank_accounts_account_id: ["bank_accounts", "account_id"],
  idx_bank_accounts_status: ["bank_accounts", "status"],
  idx_bank_accounts_type: ["bank_accounts", "type"],
  idx_bank_accounts_is_active: ["bank_accounts", "is_active"],
  idx_plaid_connections_user_id: ["plaid_connections", "user_id"],
  idx_plaid_connections_item_id: ["plaid_connections", "item_id"],
  idx_plaid_connections_institution_id: ["plaid_connections", "institution_id"],
  idx_plaid_connections_is_active: ["plaid_connections", "is_active"],
  idx_transaction_syncs_bank_account_id: ["transaction_syncs", "bank_account_id"],
  idx_transaction_syncs_plaid_connection_id: ["transaction_syncs", "plaid_connection_id"],
  idx_transaction_syncs_status: ["transaction_syncs", "status"],
  idx_transaction_syncs_started_at: ["transaction_syncs", "started_at"],
  idx_account_balances_bank_account_id: ["account_balances", "bank_account_id"],
  idx_account_balances_balance_type: ["account_balances", "balance_type"],
  idx_account_balances_is_current: ["account_balances", "is_current"],
  idx_banking_preferences_user_id: ["banking_preferences", "user_id"],
  idx_banking_preferences_bank_account_id: ["banking_preferences", "bank_account_id"],
  // Composite: the composite foreign keys, history and listing queries.
  idx_bank_accounts_connection_user: ["bank_accounts", "plaid_connection_id, user_id"],
  idx_transaction_syncs_account_connection: ["transaction_syncs", "bank_account_id, plaid_connection_id"],
  idx_transaction_syncs_connection_started: ["transaction_syncs", "plaid_connection_id, started_at DESC"],
  idx_account_balances_history: ["account_balances", "bank_account_id, balance_type, as_of_date DESC"],
  idx_banking_preferences_account_user: ["banking_preferences", "bank_account_id, user_id"],
  idx_transactions_account_date: ["transactions", "bank_account_id, date DESC"],
  // Unique rules and the targets of the composite foreign keys.
  uq_bank_account_connection: ["bank_accounts", "plaid_connection_id, account_id", true],
  uq_plaid_connection_item: ["plaid_connections", "item_id", true],
  uq_banking_preferences_user_account: ["banking_preferences", "user_id, bank_account_id", true],
  uq_plaid_connections_id_user: ["plaid_connections", "id, user_id", true],
  uq_bank_accounts_id_connection: ["bank_accounts", "id, plaid_connection_id", true],
  uq_bank_accounts_id_user: ["bank_accounts", "id, user_id", true],
  uq_account_balances_current: ["account_balances", "bank_account_id, balance_type) WHERE is_current", true],
  uq_banking_preferences_user_global: ["banking_preferences", "user_id) WHERE (bank_account_id IS NULL)", true],
  uq_recovery_codes_code_hash: ["recovery_codes", "code_hash", true],
  idx_recovery_codes_user: ["recovery_codes", "user_id"],
  uq_passkeys_credential_id: ["passkeys", "credential_id", true],
  idx_passkeys_user: ["passkeys", "user_id"],
  idx_passkey_challenges_expires: ["passkey_challenges", "expires_at"],
};

describe("indexes", () => {
  test.each(Object.entries(indexes))(
    "%s exists on the right table and columns",
    async (name, [table, keys, unique]) => {
      const rows = await db.$queryRawUnsafe<{ table: string; definition: string; unique: boolean }[]>(
        `SELECT t.relname AS table, pg_get_indexdef(i.indexrelid) AS definition, i.indisunique AS unique
       FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid
       WHERE c.relname = $1`,
        name,
      );
      expect(rows).toHaveLength(1);
      const [row] = rows;
      expect(row?.table).toBe(table);
      const suffix = keys.includes(")") ? keys : `${keys})`;
      expect(row?.definition.replace(/^.* USING btree \(/, "")).toBe(suffix);
      expect(row?.unique).toBe(unique ?? false);
    },
  );
});

// The seed's two indexes on last_sync_at are dropped on purpose: nothing searches by it, and without
// them the stamp every sync writes is a HOT update (docs/data-model.md, Sync stamps).
test.each(["idx_bank_accounts_last_sync_at", "idx_plaid_connections_last_sync_at"])(
  "%s is gone, so a sync's stamp stays a HOT update",
  async (name) => {
    const rows = await db.$queryRawUnsafe<unknown[]>("SELECT 1 FROM pg_class WHERE relname = $1", name);
    expect(rows).toHaveLength(0);
  },
);

describe("unique rules", () => {
  test("an account id is unique within its connection, not across connections", async () => {
    const { user, connection, account } = await createUserWithAccount();
    const insert = (connectionId: string) =>
      db.$executeRawUnsafe(
        `INSERT INTO bank_accounts (user_id, plaid_connection_id, account_id, name, type)
         VALUES ($1::uuid, $2::uuid, $3, 'Copy', 'depository')`,
        user.id,
        connectionId,
        account.accountId,
      );
    expect(await databaseError(insert(connection.id))).toEqual(uniqueViolation("uq_bank_account_connection"));
    const other = await createConnection({ userId: user.id });
    await expect(insert(other.id)).resolves.toBe(1);
  });

  test("a Plaid item id links once", async () => {
    const { connection } = await createUserWithAccount();
    const stranger = await createUser();
    const error = await databaseError(
      db.$executeRawUnsafe(
        `INSERT INTO plaid_connections (user_id, access_token, item_id, institution_id, institution_name)
         VALUES ($1::uuid, 'enc:x', $2, 'ins_1', 'Bank')`,
        stranger.id,
        connection.itemId,
      ),
    );
    expect(error).toEqual(uniqueViolation("uq_plaid_connection_item"));
  });

  test("one preferences row per (user, account)", async () => {
    const { user, account } = await createUserWithAccount();
    await createPreferences({ userId: user.id, bankAccountId: account.id, accountAlias: "Bills" });
    const error = await databaseError(
      db.$executeRawUnsafe(
        `INSERT INTO banking_preferences (user_id, bank_account_id) VALUES ($1::uuid, $2::uuid)`,
        user.id,
        account.id,
      ),
    );
    expect(error).toEqual(uniqueViolation("uq_banking_preferences_user_account"));
  });

  test("at most one global preferences row per user; other users and account rows unaffected", async () => {
    const { user, account } = await createUserWithAccount();
    const other = await createUser();
    await createPreferences({ userId: user.id, syncFrequency: "daily" });
    const insertGlobal = (userId: string) =>
      db.$executeRawUnsafe(`INSERT INTO banking_preferences (user_id) VALUES ($1::uuid)`, userId);
    expect(await databaseError(insertGlobal(user.id))).toEqual(uniqueViolation("uq_banking_preferences_user_global"));
    await expect(insertGlobal(other.id)).resolves.toBe(1);
    await createPreferences({ userId: user.id, bankAccountId: account.id });
    const rows = await db.bankingPreferences.findMany({ where: { userId: { in: [user.id, other.id] } } });
    expect(rows.map((row) => [row.userId, row.bankAccountId]).sort()).toEqual(
      [
        [user.id, null],
        [user.id, account.id],
        [other.id, null],
      ].sort(),
    );
  });
});
