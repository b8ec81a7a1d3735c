// What the database itself refuses: every vocabulary, currency codes, the other CHECKs, the composite
// foreign keys that keep owners consistent, and what a delete takes with it.
import { describe, expect, test } from "vitest";
import { db } from "@/lib/db";
import { databaseError } from "@/lib/test/database-errors";
import {
  createAccount,
  createBalance,
  createConnection,
  createPreferences,
  createSync,
  createTransaction,
  createUser,
  createUserWithAccount,
} from "@/lib/test/factories";

const violation = (code: string, constraint: string | RegExp) => ({
  code,
  message:
    typeof constraint === "string" ? expect.stringContaining(`"${constraint}"`) : expect.stringMatching(constraint),
});
const checkViolation = (constraint: string | RegExp) => violation("23514", constraint);

type Table = string;

/** A fresh row of the table (an account's own preferences row for banking_preferences); returns its id. */
async function freshRow(table: Table): Promise<string> {
  const { user, connection, account } = await createUserWithAccount();
  if (table === "users") return user.id;
  if (table === "plaid_connections") return connection.id;
  if (table === "bank_accounts") return account.id;
  if (table === "transaction_syncs") return (await createSync({ plaidConnectionId: connection.id })).id;
  if (table === "account_balances") return (await createBalance({ bankAccountId: account.id })).id;
  if (table === "transactions") return (await createTransaction({ bankAccountId: account.id })).id;
  return (await createPreferences({ userId: user.id, bankAccountId: account.id })).id;
}

const setColumn = (table: Table, column: string, id: string, value: unknown, cast = "") =>
  db.$executeRawUnsafe(`UPDATE ${table} SET ${column} = $1${cast} WHERE id = $2::uuid`, value, id);

async function readColumn(table: Table, column: string, id: string) {
  const rows = await db.$queryRawUnsafe<{ value: string | null }[]>(
    `SELECT ${column}::text AS value FROM ${table} WHERE id = $1::uuid`,
    id,
  );
  return rows[0]?.value;
}

// "table.column constraint: allowed values"
const vocabularies = [
  "bank_accounts.type chk_account_type: depository credit loan investment other",
  "bank_accounts.status chk_account_status: active pending_verification verified suspended error closed",
  "bank_accounts.verification_status chk_verification_status: pending verified failed",
  "transaction_syncs.sync_type chk_sync_type: initial incremental full manual scheduled",
  "transaction_syncs.status chk_sync_status: pending in_progress success failed partial cancelled",
  "account_balances.balance_type chk_balance_type: current available pending overdraft credit_limit payment_due last_payment",
  "account_balances.source chk_balance_source: plaid manual calculated",
  "plaid_connections.sync_frequency chk_sync_frequency: real_time hourly daily weekly manual",
  "banking_preferences.sync_frequency chk_preferences_sync_frequency: real_time hourly daily weekly manual",
  "banking_preferences.notification_frequency chk_notification_frequency: immediate hourly daily weekly",
].map((line) => {
  const [head = "", values = ""] = line.split(": ");
  const [path = "", constraint = ""] = head.split(" ");
  const [table, column = ""] = path.split(".") as [Table, string];
  return { table, column, constraint, values: values.split(" ") };
});

describe("vocabularies", () => {
  const allowed = vocabularies.flatMap(({ table, column, values }) =>
    values.map((value) => ({ table, column, value })),
  );
  test.each(allowed)("$table.$column accepts $value", async ({ table, column, value }) => {
    const id = await freshRow(table);
    await setColumn(table, column, id, value);
    expect(await readColumn(table, column, id)).toBe(value);
  });

  test.each(vocabularies)("$table.$column rejects anything else ($constraint)", async (vocabulary) => {
    const { table, column, constraint, values } = vocabulary;
    const id = await freshRow(table);
    for (const wrong of ["bogus", (values[0] ?? "").toUpperCase(), `${values[0]} `, ""]) {
      expect(await databaseError(setColumn(table, column, id, wrong))).toEqual(checkViolation(constraint));
    }
  });
});

describe("value rules", () => {
  // [table.column, constraint, accepted, rejected]
  const rules: [string, string | RegExp, string[], string[]][] = [
    ["bank_accounts.iso_currency_code", "chk_bank_accounts_currency", ["EUR", "JPY"], ["usd", "US", "USDX", "U$D"]],
    ["account_balances.currency", /"chk_(account_balances_currency|currency_length)"/, ["GBP"], ["usd", "US", "USDX"]],
    ["banking_preferences.default_currency", "chk_preferences_currency", ["CAD"], ["cad", "CA", "CADX"]],
    ["transactions.iso_currency_code", "chk_transactions_currency", ["EUR"], ["eur", "EU", "EURO"]],
    ["plaid_connections.institution_primary_color", "chk_plaid_connections_primary_color", ["#1f6FEB"], ["1F6FEB"]],
    ["plaid_connections.institution_primary_color", "chk_plaid_connections_primary_color", [], ["#FFF", "#1F6FEB0"]],
    ["banking_preferences.account_color", "chk_preferences_account_color", ["#00aa00"], ["red", "#0a0", "#00aa0g"]],
    ["bank_accounts.account_number", "chk_bank_accounts_account_number_masked", ["****1234", "1234"], ["123456789"]],
    ["bank_accounts.account_number", "chk_bank_accounts_account_number_masked", ["xxxx6789"], ["12345", "****12345"]],
    ["bank_accounts.routing_number", "chk_bank_accounts_routing_number_masked", ["*****0021"], ["021000021"]],
    ["banking_preferences.account_alias", "chk_preferences_account_alias", ["B", "a".repeat(64)], ["", "a".repeat(65)]],
    ["banking_preferences.account_icon", "chk_preferences_account_icon", ["piggy-bank"], ["", "i".repeat(65)]],
    ["banking_preferences.date_format", "chk_preferences_date_format", ["YYYY-MM-DD"], ["", "d".repeat(33)]],
    ["banking_preferences.time_format", "chk_preferences_time_format", ["12h", "24h"], ["12", "am/pm"]],
    ["transactions.payment_channel", "chk_transactions_payment_channel", ["online", "in store"], ["mail"]],
    ["users.role", "chk_users_role", ["admin", "user"], ["root"]],
    ["users.email", "chk_users_email", ["someone@example.test"], ["Someone@Example.test", "no-at-sign"]],
  ];
  test.each(rules)("%s (%s)", async (path, constraint, accepted, rejected) => {
    const [table, column = ""] = path.split(".") as [Table, string];
    const id = await freshRow(table);
    for (const value of accepted) {
      await setColumn(table, column, id, value);
      expect(await readColumn(table, column, id)).toBe(value);
    }
    for (const value of rejected) {
      const error = await databaseError(setColumn(table, column, id, value));
      expect([value, error]).toEqual([value, checkViolation(constraint)]);
    }
  });

  const syncCounts = "records_processed records_failed records_added records_updated records_deleted retry_count";
  const thresholds = "balance_threshold low_balance_threshold large_transaction_threshold";
  const nonNegative: [string, string][] = [
    ["plaid_connections.error_count", "chk_plaid_connections_error_count"],
    ["plaid_connections.retry_count", "chk_plaid_connections_retry_count"],
    ["bank_accounts.credit_limit", "chk_bank_accounts_credit_limit"],
    ["bank_accounts.monthly_fee", "chk_bank_accounts_monthly_fee"],
    ...syncCounts.split(" ").map((c): [string, string] => [`transaction_syncs.${c}`, "chk_transaction_syncs_counts"]),
    ["transaction_syncs.duration", "chk_transaction_syncs_duration"],
    ...thresholds.split(" ").map((c): [string, string] => [`banking_preferences.${c}`, "chk_preferences_thresholds"]),
  ];
  test.each(nonNegative)("%s is never negative (%s)", async (path, constraint) => {
    const [table, column = ""] = path.split(".") as [Table, string];
    const id = await freshRow(table);
    const set = (literal: number) =>
      db.$executeRawUnsafe(`UPDATE ${table} SET ${column} = ${literal} WHERE id = $1::uuid`, id);
    await set(0);
    expect(await readColumn(table, column, id)).toMatch(/^0(\.0+)?$/);
    expect(await databaseError(set(-1))).toEqual(checkViolation(constraint));
  });

  test("a sync cannot complete before it started", async () => {
    const id = await freshRow("transaction_syncs");
    const times = (started: string, completed: string) =>
      db.$executeRawUnsafe(
        `UPDATE transaction_syncs SET started_at = $1::timestamptz, completed_at = $2::timestamptz WHERE id = $3::uuid`,
        started,
        completed,
        id,
      );
    await expect(times("2026-11-01T10:00:00Z", "2026-11-01T10:00:05Z")).resolves.toBe(1);
    expect(await databaseError(times("2026-11-01T10:00:05Z", "2026-11-01T10:00:00Z"))).toEqual(
      checkViolation("chk_transaction_syncs_times"),
    );
  });

  test.each([
    ["bank_accounts", "tags", "chk_bank_accounts_tags", '["a"]', '{"a":1}'],
    ["bank_accounts", "metadata", "chk_bank_accounts_metadata", '{"a":1}', "[]"],
    ["plaid_connections", "settings", "chk_plaid_connections_settings", "{}", '"x"'],
    ["transaction_syncs", "context", "chk_transaction_syncs_context", "{}", "1"],
  ] as [Table, string, string, string, string][])(
    "%s.%s keeps its JSON shape",
    async (table, column, constraint, good, bad) => {
      const id = await freshRow(table);
      await expect(setColumn(table, column, id, good, "::jsonb")).resolves.toBe(1);
      expect(await databaseError(setColumn(table, column, id, bad, "::jsonb"))).toEqual(checkViolation(constraint));
    },
  );

  test.each([
    ["account_alias", "'Bills'"],
    ["account_color", "'#112233'"],
    ["account_icon", "'wallet'"],
    ["hide_account", "true"],
  ])("the global preferences row cannot carry %s; an account row can", async (column, value) => {
    const { user, account } = await createUserWithAccount();
    const insert = (accountId: string | null) =>
      db.$executeRawUnsafe(
        `INSERT INTO banking_preferences (user_id, bank_account_id, ${column}) VALUES ($1::uuid, $2::uuid, ${value})`,
        user.id,
        accountId,
      );
    expect(await databaseError(insert(null))).toEqual(checkViolation("chk_preferences_global_has_no_account_fields"));
    await expect(insert(account.id)).resolves.toBe(1);
  });
});

describe("owner consistency", () => {
  test("an account belongs to its connection's owner", async () => {
    const { connection, account } = await createUserWithAccount();
    const stranger = await createUser();
    const error = await databaseError(createAccount({ userId: stranger.id, plaidConnectionId: connection.id }));
    expect(error).toEqual(violation("23503", "fk_bank_accounts_connection"));
    const moved = await databaseError(setColumn("bank_accounts", "user_id", account.id, stranger.id, "::uuid"));
    expect(moved).toEqual(violation("23503", "fk_bank_accounts_connection"));
  });

  test("a preferences row only for one's own account", async () => {
    const { account } = await createUserWithAccount();
    const stranger = await createUser();
    const error = await databaseError(createPreferences({ userId: stranger.id, bankAccountId: account.id }));
    expect(error).toEqual(violation("23503", "fk_banking_preferences_account"));
  });

  test("a sync's account belongs to the sync's connection", async () => {
    const { user, account } = await createUserWithAccount();
    const otherConnection = await createConnection({ userId: user.id });
    const error = await databaseError(createSync({ plaidConnectionId: otherConnection.id, bankAccountId: account.id }));
    expect(error).toEqual(violation("23503", "fk_transaction_syncs_account"));
  });

  test("every foreign key cascades on delete", async () => {
    const rules = await db.$queryRawUnsafe<{ name: string; rule: string }[]>(
      `SELECT constraint_name AS name, delete_rule AS rule FROM information_schema.referential_constraints
       WHERE constraint_schema = current_schema() ORDER BY constraint_name`,
    );
    const names = (
      "fk_account_balances_account fk_bank_accounts_connection fk_bank_accounts_user fk_banking_preferences_account " +
      "fk_banking_preferences_user fk_plaid_connections_user fk_sync_stats_totals_account " +
      "fk_sync_stats_totals_connection fk_transaction_syncs_account fk_transaction_syncs_connection fk_transactions_account " +
      "fk_alert_states_account fk_alert_states_connection fk_notifications_user " +
      "fk_notification_messages_user fk_notification_deliveries_notification fk_notification_deliveries_message " +
      "fk_notification_delivery_attempts_message fk_push_subscriptions_user fk_user_sessions_user fk_user_tokens_user " +
      "fk_audit_events_user fk_user_totp_user fk_recovery_codes_user fk_passkeys_user fk_passkey_challenges_session"
    ).split(" ");
    // The operator's records of Plaid calls and webhooks outlive an unlinked connection, and a
    // person's alerts outlive the account or connection they were about.
    const setNull = [
      // A pending link outlives its person, so that the sweep can still remove the item at Plaid.
      "fk_pending_links_user",
      "fk_plaid_api_calls_connection",
      "fk_plaid_webhook_events_connection",
      "fk_notifications_account",
      "fk_notifications_connection",
      // An admin's actions stay on the owner's account after the admin's account is gone.
      "fk_audit_events_actor",
    ];
    expect(rules).toEqual(
      [...names, ...setNull].sort().map((name) => ({ name, rule: setNull.includes(name) ? "SET NULL" : "CASCADE" })),
    );
  });
});

/** A connection with an account and one row of everything hanging off it. */
async function populatedConnection(userId: string) {
  const connection = await createConnection({ userId });
  const account = await createAccount({ userId, plaidConnectionId: connection.id });
  await createBalance({ bankAccountId: account.id });
  await createSync({ plaidConnectionId: connection.id, bankAccountId: account.id });
  await createSync({ plaidConnectionId: connection.id });
  await createTransaction({ bankAccountId: account.id });
  await createPreferences({ userId, bankAccountId: account.id, accountAlias: "Mine" });
  return { connection, account };
}

async function counts(where: { userId: string; connectionId: string; accountId: string }) {
  const [row] = await db.$queryRawUnsafe<Record<string, number>[]>(
    `SELECT (SELECT count(*)::int FROM plaid_connections WHERE id = $2::uuid) AS connections,
            (SELECT count(*)::int FROM bank_accounts WHERE id = $3::uuid) AS accounts,
            (SELECT count(*)::int FROM account_balances WHERE bank_account_id = $3::uuid) AS balances,
            (SELECT count(*)::int FROM transaction_syncs WHERE plaid_connection_id = $2::uuid) AS syncs,
            (SELECT count(*)::int FROM transactions WHERE bank_account_id = $3::uuid) AS transactions,
            (SELECT count(*)::int FROM banking_preferences WHERE bank_account_id = $3::uuid) AS account_preferences,
            (SELECT count(*)::int FROM banking_preferences WHERE user_id = $1::uuid AND bank_account_id IS NULL) AS global_preferences`,
    where.userId,
    where.connectionId,
    where.accountId,
  );
  return row;
}

const everything = { connections: 1, accounts: 1, balances: 1, syncs: 2, transactions: 1, account_preferences: 1 };
const nothing = { connections: 0, accounts: 0, balances: 0, syncs: 0, transactions: 0, account_preferences: 0 };

describe("cascades", () => {
  test("deleting a user deletes all their data and nobody else's", async () => {
    const user = await createUser();
    await createPreferences({ userId: user.id, syncFrequency: "weekly" });
    const first = await populatedConnection(user.id);
    const second = await populatedConnection(user.id);
    const bystander = await createUser();
    const theirs = await populatedConnection(bystander.id);
    const of = (userId: string, data: { connection: { id: string }; account: { id: string } }) =>
      counts({ userId, connectionId: data.connection.id, accountId: data.account.id });
    expect(await of(user.id, first)).toEqual({ ...everything, global_preferences: 1 });
    expect(await of(user.id, second)).toEqual({ ...everything, global_preferences: 1 });

    await db.$executeRawUnsafe(`DELETE FROM users WHERE id = $1::uuid`, user.id);

    expect(await of(user.id, first)).toEqual({ ...nothing, global_preferences: 0 });
    expect(await of(user.id, second)).toEqual({ ...nothing, global_preferences: 0 });
    expect(await of(bystander.id, theirs)).toEqual({ ...everything, global_preferences: 0 });
    expect(await db.user.count({ where: { id: bystander.id } })).toBe(1);
  });

  test("deleting a connection deletes what hangs off it, not the user's global row or other connection", async () => {
    const user = await createUser();
    await createPreferences({ userId: user.id, syncFrequency: "weekly" });
    const doomed = await populatedConnection(user.id);
    const kept = await populatedConnection(user.id);

    await db.$executeRawUnsafe(`DELETE FROM plaid_connections WHERE id = $1::uuid`, doomed.connection.id);

    const of = (data: { connection: { id: string }; account: { id: string } }) =>
      counts({ userId: user.id, connectionId: data.connection.id, accountId: data.account.id });
    expect(await of(doomed)).toEqual({ ...nothing, global_preferences: 1 });
    expect(await of(kept)).toEqual({ ...everything, global_preferences: 1 });
    expect(await db.user.count({ where: { id: user.id } })).toBe(1);
  });
});
