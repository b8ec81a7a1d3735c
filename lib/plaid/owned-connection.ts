// Looking up a connection for its owner only: another user's id, a malformed id and a missing row all
// read "not found", so nothing reveals that someone else's connection exists.
import "server-only";
import { db } from "@/lib/db";
import { isUuid } from "@/lib/db/vocabulary";
import { AppError } from "@/lib/errors";

export type OwnedConnection = {
  id: string;
  itemId: string;
  institutionId: string;
  institutionName: string;
  requiresReauth: boolean;
  lastError: string | null;
};

export async function getOwnedConnection({
  userId,
  connectionId,
}: {
  userId: string;
  connectionId: string;
}): Promise<OwnedConnection> {
  const connection = isUuid(connectionId)
    ? await db.plaidConnection.findFirst({
        where: { id: connectionId, userId },
        select: {
          id: true,
          itemId: true,
          institutionId: true,
          institutionName: true,
          requiresReauth: true,
          lastError: true,
        },
      })
    : null;
  if (!connection) throw new AppError("connection:not_found", "This bank connection no longer exists.");
  return connection;
}
