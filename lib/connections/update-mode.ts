// After Link's update mode succeeds: the item is asked whether it is healthy again, and only then is
// the connection's "needs reconnect" state cleared and a sync queued to catch up on what was missed.
// The accounts Plaid now shares are taken as they are: with account selection the person may have
// added accounts (their history arrives with the sync) or stopped sharing some (closed, history kept).
import "server-only";
import { type AccountChanges, reconcileAccounts } from "@/lib/accounts";
import { getOwnedConnection } from "@/lib/auth/ownership";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { callPlaid } from "@/lib/plaid/client";
import { getConnectionAccessToken } from "@/lib/plaid/connection-token";
import type { SyncRequestResult } from "@/lib/sync";
import { requestAndEnqueueSync } from "@/lib/sync";

// The states update mode repairs; a last_error naming one of them is no longer true afterwards.
const REPAIRED_BY_UPDATE_MODE = /ITEM_LOGIN_REQUIRED|PENDING_DISCONNECT|PENDING_EXPIRATION/;

export async function completeUpdateMode({
  userId,
  connectionId,
  accountSelection = false,
}: {
  userId: string;
  connectionId: string;
  /** Link ran with account selection: "new accounts available" is answered, whatever was chosen. */
  accountSelection?: boolean;
}): Promise<{ institutionName: string; sync: SyncRequestResult; accounts: AccountChanges }> {
  const connection = await getOwnedConnection({ userId, connectionId });
  const accessToken = await getConnectionAccessToken({ connectionId });
  // The browser only says Link succeeded; Plaid's own view of the item decides.
  const { item } = await callPlaid({ endpoint: "/item/get", connectionId }, (api) =>
    api.itemGet({ access_token: accessToken }),
  );
  if (item.error?.error_code === "ITEM_LOGIN_REQUIRED") {
    throw new AppError(
      "plaid:item_login_required",
      `${connection.institutionName} still needs you to sign in. Reconnect again to finish.`,
    );
  }

  const clearError = connection.lastError !== null && REPAIRED_BY_UPDATE_MODE.test(connection.lastError);
  await db.plaidConnection.updateMany({
    where: { id: connectionId, userId },
    data: {
      requiresReauth: false,
      errorCount: 0,
      retryCount: 0,
      ...(clearError ? { lastError: null, lastErrorAt: null } : {}),
    },
  });
  const { accounts: shared } = await callPlaid({ endpoint: "/accounts/get", connectionId }, (api) =>
    api.accountsGet({ access_token: accessToken }),
  );
  const accounts = await reconcileAccounts({ connectionId, userId, accounts: shared });
  if (accountSelection) {
    await db.$executeRaw`
      UPDATE plaid_connections SET metadata = metadata - 'new_accounts_available'
      WHERE id = ${connectionId}::uuid AND user_id = ${userId}::uuid`;
  }
  const sync = await requestAndEnqueueSync({ connectionId, syncType: "incremental", trigger: "reconnect" });
  return { institutionName: connection.institutionName, sync, accounts };
}
