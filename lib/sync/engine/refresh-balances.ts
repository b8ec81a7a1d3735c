// Balances after the transactions: Plaid's figures fed to updateBalances for each value that changed, so
// the history chart gets a point per change and none for a sync that changed nothing.
//
// /accounts/balance/get asks the bank in real time; Plaid bills it per call and limits it per item
// (ACCOUNTS_BALANCE_GET_LIMIT). So it is called at most once per connection per
// BALANCE_REFRESH_INTERVAL_MS (the last attempt is kept in plaid_connections.metadata.balances); in
// between, and when it is rate-limited or the bank is unavailable, /accounts/get's balances are used:
// the ones Plaid cached at its last update of the item, free and not rate-limited the same way.
import "server-only";
import type { AccountBase } from "plaid";
import { type BalanceUpdate, updateBalances } from "@/lib/accounts";
import { db } from "@/lib/db";
import type { BalanceType } from "@/lib/db/vocabulary";
import { toMoney } from "@/lib/money/decimal";
import { callPlaid, isPlaidError, type PlaidError } from "@/lib/plaid/client";
import { ensureAccounts, loadAccountMap } from "./accounts";

export const BALANCE_REFRESH_INTERVAL_MS = 15 * 60_000;

export type BalanceRefresh = {
  /** realtime: /accounts/balance/get; cached: /accounts/get. */
  source: "realtime" | "cached";
  /** Why cached figures were used. */
  reason: "recent" | "rate_limited" | "institution_unavailable" | null;
  /** Balance values recorded (history rows written). */
  changed: number;
  /** Values refused (another currency than the account's). */
  failed: number;
};

const INSTITUTION_UNAVAILABLE = new Set([
  "INSTITUTION_DOWN",
  "INSTITUTION_NOT_RESPONDING",
  "INSTITUTION_NOT_AVAILABLE",
]);

function fallbackReason(error: PlaidError): BalanceRefresh["reason"] {
  if (error.plaid.status === 429 || error.plaid.error_type === "RATE_LIMIT_EXCEEDED") return "rate_limited";
  return INSTITUTION_UNAVAILABLE.has(error.plaid.error_code) ? "institution_unavailable" : null;
}

function lastRealtimeAttempt(metadata: unknown): number | null {
  const at = (metadata as { balances?: { realtime_at?: unknown } } | null)?.balances?.realtime_at;
  const time = typeof at === "string" ? Date.parse(at) : Number.NaN;
  return Number.isNaN(time) ? null : time;
}

export async function refreshBalances({
  connectionId,
  accessToken,
  now = new Date(),
}: {
  connectionId: string;
  accessToken: string;
  now?: Date;
}): Promise<BalanceRefresh> {
  const { metadata } = await db.plaidConnection.findUniqueOrThrow({
    where: { id: connectionId },
    select: { metadata: true },
  });
  const accountsGet = () =>
    callPlaid({ endpoint: "/accounts/get", connectionId }, (api) => api.accountsGet({ access_token: accessToken }));

  let accounts: AccountBase[];
  let source: BalanceRefresh["source"] = "cached";
  let reason: BalanceRefresh["reason"] = null;
  const last = lastRealtimeAttempt(metadata);
  if (last !== null && now.getTime() - last < BALANCE_REFRESH_INTERVAL_MS) {
    reason = "recent";
    accounts = (await accountsGet()).accounts;
  } else {
    try {
      const response = await callPlaid({ endpoint: "/accounts/balance/get", connectionId }, (api) =>
        api.accountsBalanceGet({ access_token: accessToken }),
      );
      accounts = response.accounts;
      source = "realtime";
      await recordRealtimeAttempt({ connectionId, now, outcome: "ok" });
    } catch (error) {
      reason = isPlaidError(error) ? fallbackReason(error) : null;
      if (!reason) throw error;
      await recordRealtimeAttempt({ connectionId, now, outcome: reason });
      accounts = (await accountsGet()).accounts;
    }
  }
  return { source, reason, ...(await storeBalances({ connectionId, accounts, now })) };
}

async function recordRealtimeAttempt({
  connectionId,
  now,
  outcome,
}: {
  connectionId: string;
  now: Date;
  outcome: string;
}) {
  // jsonb_set, not a Prisma update of the whole object: webhooks write other keys of metadata concurrently.
  const value = JSON.stringify({ realtime_at: now.toISOString(), outcome });
  await db.$executeRaw`UPDATE plaid_connections SET metadata = jsonb_set(metadata, '{balances}', ${value}::jsonb)
    WHERE id = ${connectionId}::uuid`;
}

async function storeBalances({
  connectionId,
  accounts,
  now,
}: {
  connectionId: string;
  accounts: AccountBase[];
  now: Date;
}): Promise<{ changed: number; failed: number }> {
  // New accounts get their first balances on creation; the rest are compared with their columns.
  await ensureAccounts({ connectionId, accountMap: await loadAccountMap({ connectionId }), accounts, now });
  const rows = await db.bankAccount.findMany({
    where: { plaidConnectionId: connectionId },
    select: {
      id: true,
      accountId: true,
      type: true,
      isoCurrencyCode: true,
      currentBalance: true,
      availableBalance: true,
      creditLimit: true,
    },
  });
  const byPlaidId = new Map(rows.map((row) => [row.accountId, row]));
  const updates: BalanceUpdate[] = [];
  let failed = 0;
  const seen = new Set<string>();
  for (const account of accounts) {
    const row = byPlaidId.get(account.account_id);
    // An account Plaid listed twice is recorded once, from its first listing.
    if (!row || seen.has(row.id)) continue;
    seen.add(row.id);
    const { current, available, limit, iso_currency_code } = account.balances;
    if (iso_currency_code && iso_currency_code !== row.isoCurrencyCode) {
      failed++;
      continue;
    }
    // Plaid's `limit` is a credit line only on credit accounts (an overdraft limit elsewhere), as at link.
    const values: [BalanceType, number | null | undefined, typeof row.currentBalance][] = [
      ["current", current, row.currentBalance],
      ["available", available, row.availableBalance],
      ["credit_limit", row.type === "credit" && limit != null && limit >= 0 ? limit : null, row.creditLimit],
    ];
    for (const [balanceType, value, stored] of values) {
      if (value === null || value === undefined) continue;
      const amount = toMoney(value);
      if (stored?.equals(amount)) continue;
      updates.push({ accountId: row.id, balanceType, amount });
    }
  }
  // Every value that changed, in one transaction.
  const recorded = await updateBalances(updates);
  return { changed: recorded.filter((result) => result.changed).length, failed };
}
