// The row locks writers take, in one order: a connection's row before anything of it (its runs, lease,
// accounts' alert states), a user's row before their notifications' digests. Every transaction that
// changes those takes the lock first through here, so writers take turns and never deadlock.
import "server-only";
import type { Prisma } from "./generated/client";

type Tx = Prisma.TransactionClient;

/** Locks a connection's row until the transaction ends; its owner's id, or null when it is gone. */
export async function lockConnection(tx: Tx, connectionId: string): Promise<{ userId: string } | null> {
  const [row] = await tx.$queryRaw<{ user_id: string }[]>`
    SELECT user_id FROM plaid_connections WHERE id = ${connectionId}::uuid FOR UPDATE`;
  return row ? { userId: row.user_id } : null;
}

/**
 * Locks a manual account's row (one without a connection, so no connection lock covers it); its
 * owner's id, or null when it is gone or linked to a bank.
 */
export async function lockManualAccount(tx: Tx, accountId: string): Promise<{ userId: string } | null> {
  const [row] = await tx.$queryRaw<{ user_id: string }[]>`
    SELECT user_id FROM bank_accounts WHERE id = ${accountId}::uuid AND plaid_connection_id IS NULL FOR UPDATE`;
  return row ? { userId: row.user_id } : null;
}

/** Locks a user's row until the transaction ends; false when the user is gone. */
export async function lockUser(tx: Tx, userId: string): Promise<boolean> {
  const rows = await tx.$queryRaw<unknown[]>`SELECT id FROM users WHERE id = ${userId}::uuid FOR UPDATE`;
  return rows.length === 1;
}
