// The maintained sync statistics always equal a direct computation from transaction_syncs: after
// inserts, status changes, corrections, deletes and cascades, for account and connection-wide syncs.
import { randomUUID } from "node:crypto";
import { describe, expect, test } from "vitest";
import { db } from "@/lib/db";
import { createAccount, createSync, createUserWithAccount } from "@/lib/test/factories";

const AT = new Date("2026-11-20T10:00:00Z");
const minutes = (n: number) => new Date(AT.getTime() + n * 60_000);

// Both sides as text rows, so numbers, dates and NULLs compare exactly.
const TOTALS = `plaid_connection_id::text AS connection, scope_id::text AS scope, total, successful, failed,
  partial, cancelled, duration_sum::text AS duration_sum, duration_count, records_processed::text AS processed,
  records_failed::text AS failed_records, last_completed_at::text AS last_completed, last_success_at::text AS last_success`;
const DAILY = `day::text AS day, shard, total, successful, failed, partial,
  cancelled, duration_sum::text AS duration_sum, duration_count, records_processed::text AS processed,
  records_failed::text AS failed_records`;
const FINISHED = `status IN ('success', 'failed', 'partial', 'cancelled')`;

// Totals for one connection; the daily figures of every connection (they are kept per day, not per connection).
async function maintained(connectionId: string) {
  const totals = await db.$queryRawUnsafe(
    `SELECT ${TOTALS} FROM sync_stats_totals WHERE plaid_connection_id = $1::uuid ORDER BY scope`,
    connectionId,
  );
  const daily = await db.$queryRawUnsafe(`SELECT ${DAILY} FROM sync_stats_daily ORDER BY day, shard`);
  return { totals, daily };
}

async function computed(connectionId: string) {
  const totals = await db.$queryRawUnsafe(
    `SELECT ${TOTALS} FROM (
       SELECT plaid_connection_id, COALESCE(bank_account_id, plaid_connection_id) AS scope_id, count(*)::int AS total,
         count(*) FILTER (WHERE status = 'success')::int AS successful, count(*) FILTER (WHERE status = 'failed')::int AS failed,
         count(*) FILTER (WHERE status = 'partial')::int AS partial, count(*) FILTER (WHERE status = 'cancelled')::int AS cancelled,
         COALESCE(sum(duration::numeric(20,6)), 0)::numeric(20,6) AS duration_sum, count(duration)::int AS duration_count,
         sum(records_processed)::bigint AS records_processed, sum(records_failed)::bigint AS records_failed,
         max(completed_at) AS last_completed_at, max(completed_at) FILTER (WHERE status = 'success') AS last_success_at
       FROM transaction_syncs WHERE plaid_connection_id = $1::uuid AND ${FINISHED}
       GROUP BY plaid_connection_id, bank_account_id) t ORDER BY scope`,
    connectionId,
  );
  const daily = await db.$queryRawUnsafe(
    `SELECT ${DAILY} FROM (
       SELECT (COALESCE(completed_at, started_at, created_at) AT TIME ZONE 'UTC')::date AS day,
         get_byte(uuid_send(plaid_connection_id), 15) & 15 AS shard, count(*)::int AS total, count(*) FILTER (WHERE status = 'success')::int AS successful,
         count(*) FILTER (WHERE status = 'failed')::int AS failed, count(*) FILTER (WHERE status = 'partial')::int AS partial,
         count(*) FILTER (WHERE status = 'cancelled')::int AS cancelled,
         COALESCE(sum(duration::numeric(20,6)), 0)::numeric(20,6) AS duration_sum, count(duration)::int AS duration_count,
         sum(records_processed)::bigint AS records_processed, sum(records_failed)::bigint AS records_failed
       FROM transaction_syncs WHERE ${FINISHED}
       GROUP BY 1, 2) t ORDER BY day, shard`,
  );
  return { totals, daily };
}

async function expectInStep(connectionId: string) {
  expect(await maintained(connectionId)).toEqual(await computed(connectionId));
}

async function scope(connectionId: string, scopeId: string) {
  const [row] = await db.$queryRawUnsafe<Record<string, unknown>[]>(
    `SELECT total, successful, failed, last_success_at FROM sync_stats_totals
     WHERE plaid_connection_id = $1::uuid AND scope_id = $2::uuid`,
    connectionId,
    scopeId,
  );
  return row;
}

const finished = (status: string, end: number, extra: Record<string, unknown> = {}) => ({
  status,
  startedAt: minutes(end - 1),
  completedAt: minutes(end),
  duration: 60,
  recordsProcessed: 10,
  recordsFailed: status === "partial" ? 2 : 0,
  ...extra,
});

describe("sync statistics aggregates", () => {
  test("count finished syncs per scope and day; pending and running ones wait", async () => {
    const { connection, account } = await createUserWithAccount();
    const c = connection.id;
    await createSync({ plaidConnectionId: c, ...finished("success", 0) });
    await createSync({ plaidConnectionId: c, bankAccountId: account.id, ...finished("failed", 5) });
    await createSync({ plaidConnectionId: c, ...finished("partial", 24 * 60) });
    await createSync({ plaidConnectionId: c, status: "cancelled" });
    await createSync({ plaidConnectionId: c, status: "pending" });
    await createSync({ plaidConnectionId: c, status: "in_progress", startedAt: minutes(3) });

    expect(await scope(c, c)).toEqual({ total: 3, successful: 1, failed: 0, last_success_at: AT });
    expect(await scope(c, account.id)).toEqual({ total: 1, successful: 0, failed: 1, last_success_at: null });
    await expectInStep(c);
  });

  test("a sync counts once, when it finishes: pending, in progress, then success", async () => {
    const { connection } = await createUserWithAccount();
    const sync = await createSync({ plaidConnectionId: connection.id, status: "pending" });
    await db.transactionSync.update({ where: { id: sync.id }, data: { status: "in_progress", startedAt: AT } });
    expect(await scope(connection.id, connection.id)).toBeUndefined();
    await db.transactionSync.update({
      where: { id: sync.id },
      data: { status: "success", completedAt: minutes(2), duration: 120.5, recordsProcessed: 7 },
    });
    // Touching what is not counted changes nothing.
    await db.transactionSync.update({ where: { id: sync.id }, data: { metadata: { pages: 2 } } });
    expect(await scope(connection.id, connection.id)).toEqual({
      total: 1,
      successful: 1,
      failed: 0,
      last_success_at: minutes(2),
    });
    await expectInStep(connection.id);
  });

  test("correcting a success to failed moves the count and the last success back", async () => {
    const { connection, account } = await createUserWithAccount();
    await createSync({ plaidConnectionId: connection.id, bankAccountId: account.id, ...finished("success", 0) });
    const later = await createSync({
      plaidConnectionId: connection.id,
      bankAccountId: account.id,
      ...finished("success", 30),
    });
    await db.transactionSync.update({ where: { id: later.id }, data: { status: "failed", errorCode: "X" } });
    expect(await scope(connection.id, account.id)).toEqual({ total: 2, successful: 1, failed: 1, last_success_at: AT });
    await expectInStep(connection.id);
  });

  test("moving a finished sync to another day, or back to pending, is counted exactly once", async () => {
    const { connection } = await createUserWithAccount();
    const sync = await createSync({ plaidConnectionId: connection.id, ...finished("success", 0) });
    await db.transactionSync.update({ where: { id: sync.id }, data: { completedAt: minutes(3 * 24 * 60) } });
    await expectInStep(connection.id);
    await db.transactionSync.update({ where: { id: sync.id }, data: { status: "pending", completedAt: null } });
    expect((await maintained(connection.id)).totals).toEqual([]);
    await expectInStep(connection.id);
  });

  test("deletes subtract, one row or a whole statement at once", async () => {
    const { connection, account } = await createUserWithAccount();
    for (const [index, status] of ["success", "failed", "success", "partial", "success"].entries()) {
      const bankAccountId = index % 2 === 0 ? null : account.id;
      await createSync({ plaidConnectionId: connection.id, bankAccountId, ...finished(status, index * 600) });
    }
    const [newest] = await db.transactionSync.findMany({
      where: { plaidConnectionId: connection.id },
      orderBy: { completedAt: "desc" },
      take: 1,
    });
    await db.transactionSync.delete({ where: { id: newest?.id } });
    await expectInStep(connection.id);
    expect((await scope(connection.id, connection.id))?.last_success_at).toEqual(minutes(1200));

    await db.transactionSync.updateMany({ where: { plaidConnectionId: connection.id }, data: { status: "failed" } });
    await expectInStep(connection.id);
    await db.transactionSync.deleteMany({ where: { plaidConnectionId: connection.id } });
    expect((await maintained(connection.id)).totals).toEqual([]);
    await expectInStep(connection.id);
  });

  test("deleting an account or a connection takes its statistics with it", async () => {
    const { user, connection, account } = await createUserWithAccount();
    const other = await createAccount({ userId: user.id, plaidConnectionId: connection.id });
    for (const bankAccountId of [null, account.id, other.id]) {
      await createSync({ plaidConnectionId: connection.id, bankAccountId, ...finished("success", 1) });
    }
    await db.bankAccount.delete({ where: { id: account.id } });
    await expectInStep(connection.id);
    expect(await scope(connection.id, other.id)).toMatchObject({ total: 1 });

    await db.plaidConnection.delete({ where: { id: connection.id } });
    expect((await maintained(connection.id)).totals).toEqual([]);
    await expectInStep(connection.id);
  });

  test("a random run of single and multi-row inserts, updates and deletes leaves them in step", async () => {
    const { user, connection, account } = await createUserWithAccount();
    const second = await createAccount({ userId: user.id, plaidConnectionId: connection.id });
    const statuses = ["pending", "in_progress", "success", "failed", "partial", "cancelled"];
    let seed = 7;
    const next = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed % n;
    };
    const newRow = () => {
      const status = statuses[next(statuses.length)] ?? "success";
      const bankAccountId = [null, account.id, second.id][next(3)] ?? null;
      const end = next(5) * 24 * 60 + next(600);
      const timing =
        status === "pending" ? { status } : finished(status, end, { duration: next(3) ? next(9000) / 7 : null });
      return { id: randomUUID(), plaidConnectionId: connection.id, syncType: "incremental", bankAccountId, ...timing };
    };
    const pick = (count: number) => [...new Set(Array.from({ length: count }, () => ids[next(ids.length)] ?? ""))];
    const ids: string[] = [];
    for (let step = 0; step < 80; step++) {
      const action = ids.length === 0 ? 0 : next(6);
      if (action <= 1) {
        // One row, or several in one statement (the statement-level triggers see them together).
        const rows = Array.from({ length: action === 0 ? 1 : 2 + next(4) }, newRow);
        await db.transactionSync.createMany({ data: rows });
        ids.push(...rows.map((row) => row.id));
      } else if (action <= 3) {
        const status = statuses[next(statuses.length)] ?? "failed";
        const end = next(6000);
        await db.transactionSync.updateMany({
          where: { id: { in: pick(action === 2 ? 1 : 4) } },
          data: { status, startedAt: minutes(end - 1), completedAt: minutes(end), recordsProcessed: next(50) },
        });
      } else {
        const gone = pick(action === 4 ? 1 : 3);
        await db.transactionSync.deleteMany({ where: { id: { in: gone } } });
        for (const id of gone) ids.splice(ids.indexOf(id), 1);
      }
    }
    await expectInStep(connection.id);
    const before = await maintained(connection.id);
    // The rebuild (the migration's backfill) computes the same figures from scratch.
    await db.$executeRawUnsafe("SELECT rebuild_sync_stats()");
    expect(await maintained(connection.id)).toEqual(before);
  });
});
