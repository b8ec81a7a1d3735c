// The three views of the seed document, by their columns and by what they return for real data.
import { describe, expect, test } from "vitest";
import { db } from "@/lib/db";
import { createAccount, createConnection, createSync, createUser, createUserWithAccount } from "@/lib/test/factories";

const viewColumns: Record<string, string[]> = {
  active_bank_accounts: [
    "id",
    "user_id",
    "plaid_connection_id",
    "account_id",
    "name",
    "mask",
    "type",
    "subtype",
    "account_type",
    "status",
    "verification_status",
    "current_balance",
    "available_balance",
    "credit_limit",
    "iso_currency_code",
    "last_sync_at",
    "institution_name",
    "institution_logo",
    "sync_frequency",
    "connection_active",
    "latest_balance",
    "balance_date",
  ],
  sync_statistics: [
    "bank_account_id",
    "account_name",
    "institution_name",
    "total_syncs",
    "successful_syncs",
    "failed_syncs",
    "avg_sync_duration",
    "last_sync_at",
    "total_records_processed",
    "total_records_failed",
  ],
  user_account_summary: [
    "user_id",
    "email",
    "total_accounts",
    "active_accounts",
    "error_accounts",
    "unique_institutions",
    "total_balance",
    "last_sync_at",
  ],
};

test.each(Object.entries(viewColumns))("%s is a view with the seed's columns, in order", async (view, expected) => {
  const [kind] = await db.$queryRawUnsafe<{ count: number }[]>(
    `SELECT count(*)::int AS count FROM information_schema.views WHERE table_schema = current_schema() AND table_name = $1`,
    view,
  );
  expect(kind?.count).toBe(1);
  const columns = await db.$queryRawUnsafe<{ name: string }[]>(
    `SELECT column_name AS name FROM information_schema.columns
     WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position`,
    view,
  );
  expect(columns.map((column) => column.name)).toEqual(expected);
});

async function addBalance(accountId: string, type: string, amount: string, asOf: string) {
  await db.$executeRawUnsafe(
    `INSERT INTO account_balances (bank_account_id, balance_type, amount, as_of_date)
     VALUES ($1::uuid, $2, $3::numeric, $4::timestamptz)`,
    accountId,
    type,
    amount,
    asOf,
  );
}

describe("active_bank_accounts", () => {
  const rowsFor = (userId: string) =>
    db.$queryRawUnsafe<
      { id: string; latest_balance: string | null; balance_date: string | null; connection_active: boolean }[]
    >(
      `SELECT id::text, latest_balance::text, to_char(balance_date AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS balance_date,
              connection_active
       FROM active_bank_accounts WHERE user_id = $1::uuid ORDER BY name`,
      userId,
    );

  test("lists active accounts of active connections only", async () => {
    const { user, connection, account } = await createUserWithAccount({ name: "A live" });
    await createAccount({ userId: user.id, plaidConnectionId: connection.id, name: "B closed", isActive: false });
    const dormant = await createConnection({ userId: user.id, isActive: false });
    await createAccount({ userId: user.id, plaidConnectionId: dormant.id, name: "C of dormant" });
    expect(await rowsFor(user.id)).toEqual([
      { id: account.id, latest_balance: null, balance_date: null, connection_active: true },
    ]);
  });

  test("latest_balance is the current 'current' balance: one row per account", async () => {
    const { user, account } = await createUserWithAccount();
    await addBalance(account.id, "current", "100.00", "2026-11-01T00:00:00Z");
    await addBalance(account.id, "current", "250.00", "2026-11-03T00:00:00Z");
    await addBalance(account.id, "available", "999.00", "2026-11-04T00:00:00Z");
    await addBalance(account.id, "pending", "5.00", "2026-11-04T00:00:00Z");
    expect(await rowsFor(user.id)).toEqual([
      { id: account.id, latest_balance: "250.00", balance_date: "2026-11-03", connection_active: true },
    ]);
  });
});

describe("sync_statistics", () => {
  type Stats = {
    total_syncs: number;
    successful_syncs: number;
    failed_syncs: number;
    avg_sync_duration: number | null;
    last_sync_at: string | null;
    total_records_processed: string | null;
    total_records_failed: string | null;
  };
  async function statsFor(accountId: string) {
    const rows = await db.$queryRawUnsafe<Stats[]>(
      `SELECT total_syncs::int, successful_syncs::int, failed_syncs::int, avg_sync_duration::float8,
              to_char(last_sync_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI') AS last_sync_at,
              total_records_processed::text, total_records_failed::text
       FROM sync_statistics WHERE bank_account_id = $1::uuid`,
      accountId,
    );
    expect(rows).toHaveLength(1);
    return rows[0];
  }
  const finished = (status: string, completedAt: string, duration: number, processed: number, failed: number) => ({
    status,
    startedAt: new Date("2026-11-20T00:00:00Z"),
    completedAt: new Date(completedAt),
    duration,
    recordsProcessed: processed,
    recordsFailed: failed,
  });

  test("counts account syncs and connection-wide syncs for every account of the connection", async () => {
    const { user, connection, account } = await createUserWithAccount({ name: "A" });
    const sibling = await createAccount({ userId: user.id, plaidConnectionId: connection.id, name: "B" });
    const elsewhere = await createUserWithAccount();
    const mine = { plaidConnectionId: connection.id, bankAccountId: account.id };
    await createSync({ ...mine, ...finished("success", "2026-11-20T08:00:00Z", 2, 10, 1) });
    // Failed after the last success: it must not become last_sync_at.
    await createSync({ ...mine, ...finished("failed", "2026-11-20T23:00:00Z", 4, 0, 5) });
    await createSync({ plaidConnectionId: connection.id, ...finished("success", "2026-11-20T12:00:00Z", 6, 20, 0) });
    await createSync({
      plaidConnectionId: elsewhere.connection.id,
      ...finished("success", "2026-11-21T00:00:00Z", 9, 99, 9),
    });

    expect(await statsFor(account.id)).toEqual({
      total_syncs: 3,
      successful_syncs: 2,
      failed_syncs: 1,
      avg_sync_duration: 4,
      last_sync_at: "2026-11-20T12:00",
      total_records_processed: "30",
      total_records_failed: "6",
    });
    expect(await statsFor(sibling.id)).toEqual({
      total_syncs: 1,
      successful_syncs: 1,
      failed_syncs: 0,
      avg_sync_duration: 6,
      last_sync_at: "2026-11-20T12:00",
      total_records_processed: "20",
      total_records_failed: "0",
    });
  });

  test("an account without syncs has zeros, not NULL sums", async () => {
    const { account } = await createUserWithAccount();
    expect(await statsFor(account.id)).toEqual({
      total_syncs: 0,
      successful_syncs: 0,
      failed_syncs: 0,
      avg_sync_duration: null,
      last_sync_at: null,
      total_records_processed: "0",
      total_records_failed: "0",
    });
  });
});

describe("user_account_summary", () => {
  type Summary = {
    total_accounts: number;
    active_accounts: number;
    error_accounts: number;
    unique_institutions: number;
    total_balance: string | null;
    last_sync_at: string | null;
  };
  async function summaryFor(userId: string) {
    const rows = await db.$queryRawUnsafe<(Summary & { email: string })[]>(
      `SELECT email, total_accounts::int, active_accounts::int, error_accounts::int, unique_institutions::int,
              total_balance::text, to_char(last_sync_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS last_sync_at
       FROM user_account_summary WHERE user_id = $1::uuid`,
      userId,
    );
    expect(rows).toHaveLength(1);
    return rows[0];
  }

  test("a user with no accounts has a row of zeros", async () => {
    const user = await createUser();
    expect(await summaryFor(user.id)).toEqual({
      email: user.email,
      total_accounts: 0,
      active_accounts: 0,
      error_accounts: 0,
      unique_institutions: 0,
      total_balance: "0.00",
      last_sync_at: null,
    });
  });

  test("net worth over accounts counted once: credit and loan subtracted, inactive excluded", async () => {
    const user = await createUser();
    const bank = await createConnection({ userId: user.id, institutionId: "ins_bank" });
    const sameBank = await createConnection({ userId: user.id, institutionId: "ins_bank" });
    const broker = await createConnection({ userId: user.id, institutionId: "ins_broker" });
    // [connection, type, current balance, extra]; current_balance agrees with the current 'current' row.
    const plan: [string, string, string, object][] = [
      [bank.id, "depository", "1000.00", { lastSyncAt: new Date("2026-11-18T00:00:00Z") }],
      [broker.id, "investment", "2500.00", { lastSyncAt: new Date("2026-11-19T00:00:00Z") }],
      [sameBank.id, "credit", "300.00", { status: "error" }],
      [bank.id, "loan", "10000.00", { status: "verified" }],
      [bank.id, "depository", "777.00", { isActive: false, status: "closed" }],
    ];
    for (const [plaidConnectionId, type, amount, extra] of plan) {
      const account = await createAccount({
        userId: user.id,
        plaidConnectionId,
        type,
        currentBalance: amount,
        ...extra,
      });
      // History and other balance types must not count the account twice or add to the total.
      await addBalance(account.id, "current", "1.00", "2026-11-01T00:00:00Z");
      await addBalance(account.id, "current", amount, "2026-11-02T00:00:00Z");
      await addBalance(account.id, "available", "5000.00", "2026-11-02T00:00:00Z");
    }
    const bystander = await createUserWithAccount({ currentBalance: "123.00" });
    await addBalance(bystander.account.id, "current", "123.00", "2026-11-02T00:00:00Z");

    expect(await summaryFor(user.id)).toEqual({
      email: user.email,
      total_accounts: 5,
      active_accounts: 2,
      error_accounts: 1,
      unique_institutions: 2,
      total_balance: "-6800.00",
      last_sync_at: "2026-11-19",
    });
    expect((await summaryFor(bystander.user.id))?.total_balance).toBe("123.00");
  });
});
