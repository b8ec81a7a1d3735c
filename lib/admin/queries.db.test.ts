// The admin queries over the maintained aggregates: the same per-account numbers as the sync_statistics
// view, institution roll-ups that count each sync once, sorting, filters, user summaries and charts.
import { randomUUID } from "node:crypto";
import { describe, expect, test } from "vitest";
import { db } from "@/lib/db";
import { createAccount, createConnection, createSync, createUser } from "@/lib/test/factories";
import { getConnectionHealth } from "./connection-health";
import { getAdminSummary } from "./dashboard";
import { DEFAULT_QUERY } from "./params";
import { getSyncStatistics } from "./sync-stats";
import { getDailySyncVolume } from "./sync-volume";
import { getUserSummaries } from "./user-summaries";

const NOW = new Date("2026-11-20T12:00:00Z");
const hoursAgo = (h: number) => new Date(NOW.getTime() - h * 3_600_000);

function finished(status: string, h: number, duration: number, processed = 5) {
  return { status, startedAt: hoursAgo(h + 1), completedAt: hoursAgo(h), duration, recordsProcessed: processed };
}

/** A user with two institutions: Alpha (two accounts) and Beta (one), with a known sync history. */
async function household() {
  const tag = randomUUID().slice(0, 8);
  const user = await createUser({ email: `admin-q-${tag}@example.test` });
  const alpha = await createConnection({
    userId: user.id,
    institutionId: `ins_a_${tag}`,
    institutionName: `Alpha ${tag}`,
  });
  const beta = await createConnection({
    userId: user.id,
    institutionId: `ins_b_${tag}`,
    institutionName: `Beta ${tag}`,
  });
  const checking = await createAccount({ userId: user.id, plaidConnectionId: alpha.id, name: "Checking" });
  const savings = await createAccount({ userId: user.id, plaidConnectionId: alpha.id, name: "Savings" });
  const card = await createAccount({ userId: user.id, plaidConnectionId: beta.id, name: "Card" });
  // Alpha: 3 connection-wide (2 ok, 1 failed), 2 of checking (1 ok, 1 partial), 1 of savings (failed).
  await createSync({ plaidConnectionId: alpha.id, ...finished("success", 50, 2) });
  await createSync({ plaidConnectionId: alpha.id, ...finished("failed", 30, 4, 0) });
  await createSync({ plaidConnectionId: alpha.id, ...finished("success", 2, 3) });
  await createSync({ plaidConnectionId: alpha.id, bankAccountId: checking.id, ...finished("success", 10, 1) });
  await createSync({ plaidConnectionId: alpha.id, bankAccountId: checking.id, ...finished("partial", 5, 6) });
  await createSync({ plaidConnectionId: alpha.id, bankAccountId: savings.id, ...finished("failed", 1, 9, 0) });
  // Beta: 4 failed connection-wide syncs.
  for (const h of [3, 4, 28, 29]) await createSync({ plaidConnectionId: beta.id, ...finished("failed", h, 1, 0) });
  return { tag, user, alpha, beta, checking, savings, card };
}

const queryFor = (email: string, change: Partial<typeof DEFAULT_QUERY> = {}) => ({
  ...DEFAULT_QUERY,
  user: email,
  ...change,
});

describe("sync statistics", () => {
  test("per account, the same figures as the sync_statistics view", async () => {
    const { user, checking, savings, card } = await household();
    const { accounts } = await getSyncStatistics({ query: queryFor(user.email), now: NOW });
    const view = await db.$queryRaw<Record<string, unknown>[]>`
      SELECT bank_account_id::text AS id, total_syncs::int AS total, successful_syncs::int AS successful,
             failed_syncs::int AS failed, avg_sync_duration AS avg, last_sync_at,
             total_records_processed::int AS processed, total_records_failed::int AS records_failed
      FROM sync_statistics WHERE bank_account_id IN (${checking.id}::uuid, ${savings.id}::uuid, ${card.id}::uuid)`;
    expect(accounts).toHaveLength(3);
    for (const row of view) {
      const mine = accounts.find((account) => account.accountId === row.id);
      expect(mine).toMatchObject({
        total: row.total,
        successful: row.successful,
        failed: row.failed,
        lastSuccessAt: row.last_sync_at,
        recordsProcessed: row.processed,
        recordsFailed: row.records_failed,
      });
      expect(mine?.avgDuration).toBeCloseTo(Number(row.avg), 9);
    }
    expect(accounts.find((a) => a.accountId === checking.id)).toMatchObject({ total: 5, successful: 3, partial: 1 });
    expect(accounts.find((a) => a.accountId === checking.id)?.successRate).toBeCloseTo(3 / 5);
  });

  test("institutions roll up each sync once, and sort with their accounts inside", async () => {
    const { user, tag } = await household();
    const byFailed = await getSyncStatistics({
      query: queryFor(user.email, { sort: "failed", dir: "desc" }),
      now: NOW,
    });
    expect(byFailed.institutions.map((i) => [i.institutionName, i.total, i.failed, i.connections])).toEqual([
      [`Beta ${tag}`, 4, 4, 1],
      [`Alpha ${tag}`, 6, 2, 1],
    ]);
    expect(byFailed.accounts.map((a) => a.accountName)).toEqual(["Card", "Savings", "Checking"]);

    const byName = await getSyncStatistics({ query: queryFor(user.email), now: NOW });
    expect(byName.accounts.map((a) => a.accountName)).toEqual(["Checking", "Savings", "Card"]);
    expect(byName.matching).toBe(3);
  });

  test("filters by institution text and by connection status", async () => {
    const { user, tag, beta } = await household();
    const alphaOnly = await getSyncStatistics({
      query: queryFor(user.email, { institution: `alpha ${tag}` }),
      now: NOW,
    });
    expect(alphaOnly.accounts.map((a) => a.accountName)).toEqual(["Checking", "Savings"]);
    // LIKE wildcards are literal text here.
    expect((await getSyncStatistics({ query: queryFor(user.email, { institution: "%" }), now: NOW })).matching).toBe(0);

    await db.plaidConnection.update({ where: { id: beta.id }, data: { requiresReauth: true } });
    const reauth = await getSyncStatistics({ query: queryFor(user.email, { status: "reauth" }), now: NOW });
    expect(reauth.institutions.map((i) => i.institutionName)).toEqual([`Beta ${tag}`]);
    const healthy = await getSyncStatistics({ query: queryFor(user.email, { status: "healthy" }), now: NOW });
    expect(healthy.institutions.map((i) => i.institutionName)).toEqual([`Alpha ${tag}`]);
  });
});

describe("connection health, users, charts and headline figures", () => {
  test("health lists the worst connections first, with queued syncs", async () => {
    const { user, alpha, beta } = await household();
    await db.plaidConnection.update({ where: { id: beta.id }, data: { errorCount: 4, lastError: "INSTITUTION_DOWN" } });
    await createSync({ plaidConnectionId: alpha.id, status: "pending" });
    const { rows } = await getConnectionHealth({ query: queryFor(user.email), now: NOW });
    expect(rows.map((r) => [r.connectionId, r.errorCount, r.totalSyncs, r.failedSyncs, r.queued, r.accounts])).toEqual([
      [beta.id, 4, 4, 4, 0, 1],
      [alpha.id, 0, 6, 2, 1, 2],
    ]);
  });

  test("user summaries count accounts, connections and syncs per user", async () => {
    const { user } = await household();
    const { rows, matching } = await getUserSummaries({ query: { user: user.email } });
    expect(matching).toBe(1);
    expect(rows[0]).toMatchObject({
      email: user.email,
      totalAccounts: 3,
      uniqueInstitutions: 2,
      connections: 2,
      totalSyncs: 10,
      failedSyncs: 6,
    });
    // The household's accounts have no balance yet: no amount rather than a zero.
    expect(rows[0]?.balances).toEqual([]);
  });

  test("user summaries give net worth per currency, never summing two currencies", async () => {
    const { user, alpha, beta, checking, card } = await household();
    await db.bankAccount.update({ where: { id: checking.id }, data: { currentBalance: "100.00" } });
    await db.bankAccount.update({ where: { id: card.id }, data: { type: "credit", currentBalance: "30.00" } });
    await createAccount({ userId: user.id, plaidConnectionId: alpha.id, isoCurrencyCode: "GBP", currentBalance: "80" });
    await createAccount({
      userId: user.id,
      plaidConnectionId: beta.id,
      isoCurrencyCode: "GBP",
      currentBalance: "5",
      isActive: false,
    });
    const { rows } = await getUserSummaries({ query: { user: user.email } });
    expect(rows[0]?.balances.map(({ currency, amount }) => `${currency} ${amount.toFixed(2)}`)).toEqual([
      "GBP 80.00",
      "USD 70.00",
    ]);
  });

  test("daily volume fills every day and gives the failure rate", async () => {
    const before = await getDailySyncVolume({ days: 30, now: NOW });
    await household();
    const after = await getDailySyncVolume({ days: 30, now: NOW });
    expect(after).toHaveLength(30);
    expect(after.at(-1)?.day).toBe("2026-11-20");
    const added = (day: string) => {
      const [b, a] = [before.find((d) => d.day === day), after.find((d) => d.day === day)];
      return { total: (a?.total ?? 0) - (b?.total ?? 0), failed: (a?.failed ?? 0) - (b?.failed ?? 0) };
    };
    // Today (hours 1 to 10 ago): 4 Alpha syncs and Beta's 2 recent failures; yesterday: the rest.
    expect(added("2026-11-20")).toEqual({ total: 6, failed: 3 });
    expect(added("2026-11-19")).toEqual({ total: 3, failed: 3 });
    expect(added("2026-11-18")).toEqual({ total: 1, failed: 0 });
  });

  test("the headline figures grow by what was recorded", async () => {
    const before = await getAdminSummary({ now: NOW });
    const { beta } = await household();
    await db.plaidConnection.update({ where: { id: beta.id }, data: { pausedAt: NOW } });
    const after = await getAdminSummary({ now: NOW });
    expect({
      users: after.users - before.users,
      connections: after.connections - before.connections,
      paused: after.paused - before.paused,
      totalSyncs: after.totalSyncs - before.totalSyncs,
      failedSyncs: after.failedSyncs - before.failedSyncs,
    }).toEqual({ users: 1, connections: 2, paused: 1, totalSyncs: 10, failedSyncs: 6 });
  });
});
