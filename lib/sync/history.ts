// One account's sync history: its own syncs and the connection-wide syncs of its connection (which
// refreshed it too), newest first, with what each did and why it failed.
import "server-only";
import { findOwnedAccount } from "@/lib/auth/ownership";
import { db, type Prisma } from "@/lib/db";

export const SYNC_HISTORY_LIMIT = 20;

export type SyncHistoryEntry = {
  id: string;
  /** account: this account alone; connection: every account of the connection. */
  scope: "account" | "connection";
  syncType: string;
  status: string;
  startedAt: Date | null;
  completedAt: Date | null;
  /** Seconds. */
  duration: number | null;
  recordsProcessed: number;
  recordsAdded: number;
  recordsUpdated: number;
  recordsDeleted: number;
  recordsFailed: number;
  errorCode: string | null;
  errorMessage: string | null;
};

export type SyncHistory = { entries: SyncHistoryEntry[]; total: number };

/** Null when the account is not the user's. */
export async function getSyncHistory({
  userId,
  accountId,
  limit = SYNC_HISTORY_LIMIT,
}: {
  userId: string;
  accountId: string;
  limit?: number;
}): Promise<SyncHistory | null> {
  const account = await findOwnedAccount({ userId, accountId });
  if (!account) return null;
  // A manual account has no connection and is never synced.
  if (!account.plaidConnectionId) return { total: 0, entries: [] };
  // Scoped by the owner again through the connection, so this query alone could not leak another's syncs.
  const where: Prisma.TransactionSyncWhereInput = {
    plaidConnectionId: account.plaidConnectionId,
    plaidConnection: { userId },
    OR: [{ bankAccountId: account.id }, { bankAccountId: null }],
  };
  const [rows, total] = await Promise.all([
    db.transactionSync.findMany({
      where,
      // A sync not started yet (pending) has no started_at: it sorts by when it was queued.
      orderBy: [{ startedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }, { id: "desc" }],
      take: limit,
    }),
    db.transactionSync.count({ where }),
  ]);
  return {
    total,
    entries: rows.map((row) => ({
      id: row.id,
      scope: row.bankAccountId === null ? "connection" : "account",
      syncType: row.syncType,
      status: row.status,
      startedAt: row.startedAt,
      completedAt: row.completedAt,
      duration: row.duration,
      recordsProcessed: row.recordsProcessed,
      recordsAdded: row.recordsAdded,
      recordsUpdated: row.recordsUpdated,
      recordsDeleted: row.recordsDeleted,
      recordsFailed: row.recordsFailed,
      errorCode: row.errorCode,
      errorMessage: row.errorMessage,
    })),
  };
}
