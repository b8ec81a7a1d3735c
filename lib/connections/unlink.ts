// Unlinking a bank: the item is removed at Plaid first, then the connection row, whose foreign keys
// cascade to its accounts, their balances, transactions, syncs, statistics and preference rows.
import "server-only";
import { getOwnedConnection } from "@/lib/auth/ownership";
import { db } from "@/lib/db";
import { getConnectionAccessToken } from "@/lib/plaid/connection-token";
import { removeItem } from "@/lib/plaid/item";

/**
 * Plaid first: if /item/remove fails (other than "already gone"), nothing is deleted and the error
 * (Plaid's message) reaches the person, so no item keeps running at Plaid without Mingus knowing it.
 */
export async function unlinkConnection({
  userId,
  connectionId,
}: {
  userId: string;
  connectionId: string;
}): Promise<{ institutionName: string; plaid: "removed" | "already_gone" }> {
  const connection = await getOwnedConnection({ userId, connectionId });
  const accessToken = await getConnectionAccessToken({ connectionId });
  const plaid = await removeItem({ accessToken, connectionId });
  await db.plaidConnection.deleteMany({ where: { id: connectionId, userId } });
  return { institutionName: connection.institutionName, plaid };
}
