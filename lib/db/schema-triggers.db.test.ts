// The SQL triggers: updated_at on every table that has it, balance history (retiring the previous
// current row and recording the change), and last_sync_at stamped by successful syncs.
import { describe, expect, test } from "vitest";
import { db } from "@/lib/db";
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

const past = new Date("2020-01-01T00:00:00Z");
const stamps = { createdAt: past, updatedAt: past };

const userId = async () => (await createUser()).id;
const account = async () => (await createUserWithAccount()).account;

// table -> a row created with old timestamps, and a change to a column that is not a timestamp
const rows: [string, () => Promise<{ id: string }>, string][] = [
  ["users", () => createUser(stamps), "name = 'Renamed'"],
  ["plaid_connections", async () => createConnection({ userId: await userId(), ...stamps }), "error_count = 1"],
  ["bank_accounts", async () => (await createUserWithAccount(stamps)).account, "name = 'Renamed'"],
  [
    "transaction_syncs",
    async () => createSync({ plaidConnectionId: (await createUserWithAccount()).connection.id, ...stamps }),
    "status = 'in_progress'",
  ],
  [
    "account_balances",
    async () => createBalance({ bankAccountId: (await account()).id, ...stamps }),
    "source = 'manual'",
  ],
  ["banking_preferences", async () => createPreferences({ userId: await userId(), ...stamps }), "auto_sync = false"],
  ["transactions", async () => createTransaction({ bankAccountId: (await account()).id, ...stamps }), "pending = true"],
];

describe("updated_at", () => {
  test.each(rows)("%s: an UPDATE moves updated_at to now and keeps created_at", async (table, create, change) => {
    const { id } = await create();
    const read = async () => {
      const [row] = await db.$queryRawUnsafe<{ created_old: boolean; updated_old: boolean; age: number }[]>(
        `SELECT created_at = $2::timestamptz AS created_old, updated_at = $2::timestamptz AS updated_old,
                extract(epoch FROM now() - updated_at)::float8 AS age
         FROM ${table} WHERE id = $1::uuid`,
        id,
        past.toISOString(),
      );
      return row;
    };
    expect(await read()).toMatchObject({ created_old: true, updated_old: true });
    // Raw SQL, so the database trigger (not Prisma's @updatedAt) is what moves the stamp.
    await db.$executeRawUnsafe(`UPDATE ${table} SET ${change} WHERE id = $1::uuid`, id);
    const after = await read();
    expect(after).toMatchObject({ created_old: true, updated_old: false });
    expect(after?.age).toBeGreaterThanOrEqual(0);
    expect(after?.age).toBeLessThan(60);
  });
});

type Change = { previous_amount: string | null; change_amount: string | null; change_percentage: number | null };
type BalanceRow = Change & { amount: string; is_current: boolean };

/** Inserts one balance row through SQL (so only the triggers act) and returns its id. */
async function insertBalance(accountId: string, amount: string, asOf: string, type = "current", currency = "USD") {
  const [row] = await db.$queryRawUnsafe<{ id: string }[]>(
    `INSERT INTO account_balances (bank_account_id, balance_type, amount, currency, as_of_date)
     VALUES ($1::uuid, $2, $3::numeric, $4, $5::timestamptz) RETURNING id::text`,
    accountId,
    type,
    amount,
    currency,
    asOf,
  );
  if (!row) throw new Error("insert returned no row");
  return row.id;
}

async function balance(id: string): Promise<BalanceRow | undefined> {
  const [row] = await db.$queryRawUnsafe<BalanceRow[]>(
    `SELECT amount::text, is_current, previous_amount::text, change_amount::text, change_percentage
     FROM account_balances WHERE id = $1::uuid`,
    id,
  );
  return row;
}

const change = (previous_amount: string | null, change_amount: string | null, change_percentage: number | null) => ({
  previous_amount,
  change_amount,
  change_percentage,
});
/** Midnight UTC on the given day of November 2026. */
const nov = (day: number) => `2026-11-${String(day).padStart(2, "0")}T00:00:00Z`;

describe("account_balances", () => {
  test("a new current row retires the previous one of the same account and type only", async () => {
    const { user, connection, account } = await createUserWithAccount();
    const sibling = await createAccount({ userId: user.id, plaidConnectionId: connection.id });
    const old = await insertBalance(account.id, "100.00", nov(1));
    const available = await insertBalance(account.id, "90.00", nov(1), "available");
    const siblings = await insertBalance(sibling.id, "5.00", nov(1));
    const next = await insertBalance(account.id, "150.00", nov(2));

    expect(await balance(old)).toMatchObject({ is_current: false, ...change(null, null, null) });
    expect(await balance(next)).toEqual({ amount: "150.00", is_current: true, ...change("100.00", "50.00", 50) });
    expect(await balance(available)).toMatchObject({ is_current: true });
    expect(await balance(siblings)).toMatchObject({ is_current: true });
  });

  test.each([
    ["a rise", "200.00", "250.00", change("200.00", "50.00", 25)],
    ["a fall", "200.00", "150.00", change("200.00", "-50.00", -25)],
    ["from zero: no percentage", "0.00", "75.00", change("0.00", "75.00", null)],
    ["from a negative balance, over |previous|", "-200.00", "-100.00", change("-200.00", "100.00", 50)],
    ["deeper into the negative", "-200.00", "-300.00", change("-200.00", "-100.00", -50)],
  ])("records the change: %s", async (_name, first, second, expected) => {
    const { account } = await createUserWithAccount();
    await insertBalance(account.id, first, nov(1));
    const id = await insertBalance(account.id, second, nov(2));
    expect(await balance(id)).toMatchObject({ is_current: true, ...expected });
  });

  test("the first row has no previous amount and no change", async () => {
    const { account } = await createUserWithAccount();
    const id = await insertBalance(account.id, "42.00", nov(1));
    expect(await balance(id)).toEqual({ amount: "42.00", is_current: true, ...change(null, null, null) });
  });

  test("a change across currencies is not computed, but the new row still becomes current", async () => {
    const { account } = await createUserWithAccount();
    const usd = await insertBalance(account.id, "100.00", nov(1));
    const eur = await insertBalance(account.id, "120.00", nov(2), "current", "EUR");
    expect(await balance(eur)).toMatchObject({ is_current: true, ...change(null, null, null) });
    expect(await balance(usd)).toMatchObject({ is_current: false });
  });

  test("a backdated row is history: it does not become current, and the row after it now follows it", async () => {
    const { account } = await createUserWithAccount();
    await insertBalance(account.id, "100.00", nov(1));
    const latest = await insertBalance(account.id, "300.00", nov(10));
    expect(await balance(latest)).toMatchObject({ is_current: true, ...change("100.00", "200.00", 200) });
    const backdated = await insertBalance(account.id, "200.00", nov(5));
    expect(await balance(backdated)).toMatchObject({ is_current: false, ...change("100.00", "100.00", 100) });
    expect(await balance(latest)).toMatchObject({ is_current: true, ...change("200.00", "100.00", 50) });
  });

  test("a multi-row INSERT of a chronological series chains each row to the one before", async () => {
    const { account } = await createUserWithAccount();
    const ids = await db.$queryRawUnsafe<{ id: string }[]>(
      `INSERT INTO account_balances (bank_account_id, balance_type, amount, as_of_date) VALUES
         ($1::uuid, 'current', 100.00, '2026-11-01T00:00:00Z'),
         ($1::uuid, 'current', 120.00, '2026-11-02T00:00:00Z'),
         ($1::uuid, 'current', 90.00, '2026-11-03T00:00:00Z')
       RETURNING id::text`,
      account.id,
    );
    const series = await Promise.all(ids.map(({ id }) => balance(id)));
    expect(series).toEqual([
      { amount: "100.00", is_current: false, ...change(null, null, null) },
      { amount: "120.00", is_current: false, ...change("100.00", "20.00", 20) },
      { amount: "90.00", is_current: true, ...change("120.00", "-30.00", -25) },
    ]);
  });

  const currentRows = async (accountId: string) =>
    (
      await db.$queryRawUnsafe<{ id: string }[]>(
        `SELECT id::text FROM account_balances WHERE bank_account_id = $1::uuid AND balance_type = 'current' AND is_current`,
        accountId,
      )
    ).map((row) => row.id);

  test("making an old row current again through UPDATE retires the other: still one current row", async () => {
    const { account } = await createUserWithAccount();
    const first = await insertBalance(account.id, "100.00", nov(1));
    await insertBalance(account.id, "150.00", nov(2));
    await db.$executeRawUnsafe(`UPDATE account_balances SET is_current = true WHERE id = $1::uuid`, first);
    expect(await currentRows(account.id)).toEqual([first]);
  });

  test("setting every row of a pair current in one UPDATE never leaves two current rows", async () => {
    const { account } = await createUserWithAccount();
    for (const day of [1, 2, 3]) await insertBalance(account.id, "1.00", nov(day));
    // The trigger either settles on one current row or refuses the statement; never two.
    await db
      .$executeRawUnsafe(`UPDATE account_balances SET is_current = true WHERE bank_account_id = $1::uuid`, account.id)
      .catch(() => undefined);
    expect(await currentRows(account.id)).toHaveLength(1);
  });

  test("concurrent inserts for one pair all land and leave exactly the latest row current", async () => {
    const { account } = await createUserWithAccount();
    // On PostgreSQL these run on separate pooled connections, in whatever order they arrive.
    const days = [1, 2, 3, 4, 5, 6, 7, 8];
    const ids = await Promise.all(days.map((day) => insertBalance(account.id, `${day}.00`, nov(day))));
    expect(ids).toHaveLength(days.length);
    const current = await currentRows(account.id);
    expect(current).toHaveLength(1);
    expect((await balance(current[0] ?? ""))?.amount).toBe("8.00");
  });

  const secondCurrent = {
    INSERT: `INSERT INTO account_balances (bank_account_id, balance_type, amount) VALUES ($1::uuid, 'current', 1)`,
    UPDATE: `UPDATE account_balances SET is_current = true WHERE bank_account_id = $1::uuid AND NOT is_current`,
  };
  test.each(Object.entries(secondCurrent))(
    "the partial unique index refuses a second current row by %s, even with the trigger out of the way",
    async (_how, statement) => {
      const { account } = await createUserWithAccount();
      await insertBalance(account.id, "100.00", nov(1));
      await insertBalance(account.id, "200.00", nov(2));
      let failure: unknown;
      try {
        // The failing statement aborts the transaction, which also undoes the DISABLE TRIGGER.
        await db.$transaction(async (tx) => {
          await tx.$executeRawUnsafe(`ALTER TABLE account_balances DISABLE TRIGGER set_old_balances_inactive_trigger`);
          await tx.$executeRawUnsafe(statement, account.id);
        });
      } catch (error) {
        failure = error;
      }
      type Failure = {
        meta?: { driverAdapterError?: { cause?: { originalCode?: string; originalMessage?: string } } };
      };
      const cause = (failure as Failure | undefined)?.meta?.driverAdapterError?.cause;
      expect(cause?.originalCode).toBe("23505");
      expect(cause?.originalMessage).toContain('"uq_account_balances_current"');
      expect(await currentRows(account.id)).toHaveLength(1);
      const [trigger] = await db.$queryRawUnsafe<{ enabled: string }[]>(
        `SELECT tgenabled::text AS enabled FROM pg_trigger WHERE tgname = 'set_old_balances_inactive_trigger'`,
      );
      expect(trigger?.enabled).toBe("O");
    },
  );
});

describe("last_sync_at", () => {
  const stamp = async (accountIds: string[], connectionIds: string[]) => ({
    accounts: (await db.bankAccount.findMany({ where: { id: { in: accountIds } }, orderBy: { name: "asc" } })).map(
      (a) => a.lastSyncAt?.toISOString() ?? null,
    ),
    connections: (await db.plaidConnection.findMany({ where: { id: { in: connectionIds } } })).map(
      (c) => c.lastSyncAt?.toISOString() ?? null,
    ),
  });
  const complete = (syncId: string, status: string, completedAt: string) =>
    db.$executeRawUnsafe(
      `UPDATE transaction_syncs SET status = $1, completed_at = $2::timestamptz WHERE id = $3::uuid`,
      status,
      completedAt,
      syncId,
    );

  test("a successful account sync stamps its account and connection, not a sibling account", async () => {
    const { user, connection, account } = await createUserWithAccount({ name: "A" });
    const sibling = await createAccount({ userId: user.id, plaidConnectionId: connection.id, name: "B" });
    const sync = await createSync({
      plaidConnectionId: connection.id,
      bankAccountId: account.id,
      status: "in_progress",
    });
    await complete(sync.id, "success", "2026-11-20T10:00:00Z");
    expect(await stamp([account.id, sibling.id], [connection.id])).toEqual({
      accounts: ["2026-11-20T10:00:00.000Z", null],
      connections: ["2026-11-20T10:00:00.000Z"],
    });
  });

  test("a connection-wide sync stamps every account of that connection and no other connection", async () => {
    const { user, connection, account } = await createUserWithAccount({ name: "A" });
    const sibling = await createAccount({ userId: user.id, plaidConnectionId: connection.id, name: "B" });
    const elsewhere = await createUserWithAccount({ name: "C" });
    const sync = await createSync({ plaidConnectionId: connection.id, status: "in_progress" });
    await complete(sync.id, "success", "2026-11-20T11:00:00Z");
    expect(await stamp([account.id, sibling.id, elsewhere.account.id], [connection.id])).toEqual({
      accounts: ["2026-11-20T11:00:00.000Z", "2026-11-20T11:00:00.000Z", null],
      connections: ["2026-11-20T11:00:00.000Z"],
    });
    expect((await stamp([], [elsewhere.connection.id])).connections).toEqual([null]);
  });

  test("a failed sync stamps nothing, nor a success still without completed_at", async () => {
    const { connection, account } = await createUserWithAccount();
    const perAccount = await createSync({ plaidConnectionId: connection.id, bankAccountId: account.id });
    const wide = await createSync({ plaidConnectionId: connection.id });
    await complete(perAccount.id, "failed", "2026-11-20T12:00:00Z");
    await complete(wide.id, "failed", "2026-11-20T12:00:00Z");
    await db.$executeRawUnsafe(
      `UPDATE transaction_syncs SET status = 'success', completed_at = NULL WHERE id = $1::uuid`,
      wide.id,
    );
    expect(await stamp([account.id], [connection.id])).toEqual({ accounts: [null], connections: [null] });
  });

  test("an older successful sync never moves last_sync_at backwards", async () => {
    const { connection, account } = await createUserWithAccount();
    const recent = await createSync({ plaidConnectionId: connection.id, bankAccountId: account.id });
    const older = await createSync({ plaidConnectionId: connection.id });
    await complete(recent.id, "success", "2026-11-20T15:00:00Z");
    await complete(older.id, "success", "2026-11-20T09:00:00Z");
    expect(await stamp([account.id], [connection.id])).toEqual({
      accounts: ["2026-11-20T15:00:00.000Z"],
      connections: ["2026-11-20T15:00:00.000Z"],
    });
  });

  test("a sync inserted directly as success stamps too", async () => {
    const { connection, account } = await createUserWithAccount();
    await db.$executeRawUnsafe(
      `INSERT INTO transaction_syncs (plaid_connection_id, bank_account_id, sync_type, status, completed_at)
       VALUES ($1::uuid, $2::uuid, 'initial', 'success', '2026-11-21T08:00:00Z')`,
      connection.id,
      account.id,
    );
    expect(await stamp([account.id], [connection.id])).toEqual({
      accounts: ["2026-11-21T08:00:00.000Z"],
      connections: ["2026-11-21T08:00:00.000Z"],
    });
  });
});
