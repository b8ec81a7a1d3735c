// After Link's update mode succeeds: the item is asked whether it is healthy again, and only then is
// the connection's "needs reconnect" (or revoked) state cleared, its access-ends date lifted, and a
// sync queued to catch up on what was missed. The accounts Plaid now shares are taken as they are:
// with account selection the person may have added accounts (their history arrives with the sync) or
// stopped sharing some (closed, history kept).
import "server-only";
import { ACCESS_REVOKED_CODES, type AccountChanges, reconcileAccounts } from "@/lib/accounts";
import { getOwnedConnection } from "@/lib/auth/ownership";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { callPlaid } from "@/lib/plaid/client";
import { getConnectionAccessToken } from "@/lib/plaid/connection-token";
import type { SyncRequestResult } from "@/lib/sync";
import { requestAndEnqueueSync } from "@/lib/sync";

// The states update mode repairs; a last_error naming one of them is no longer true afterwards.
const REPAIRED_BY_UPDATE_MODE =
  /ITEM_LOGIN_REQUIRED|PENDING_DISCONNECT|PENDING_EXPIRATION|USER_PERMISSION_REVOKED|USER_ACCOUNT_REVOKED|ACCESS_NOT_GRANTED/;

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
  if (item.error && ACCESS_REVOKED_CODES.has(item.error.error_code)) {
    throw new AppError(
      "plaid:item_login_required",
      `${connection.institutionName} still refuses access. Reconnect again and share your accounts, or remove the connection and link the bank anew.`,
    );
  }
  // Renewing restores access: a pending disconnect is over, and the consent is what Plaid now says
  // (a new expiry), else the old one unless it has passed.
  const now = new Date();
  const reported = item.consent_expiration_time ? new Date(item.consent_expiration_time) : null;
  const known = await db.plaidConnection.findUnique({
    where: { id: connectionId },
    select: { consentExpiresAt: true },
  });
  const kept = known?.consentExpiresAt && known.consentExpiresAt > now ? known.consentExpiresAt : null;
  const consentExpiresAt = reported ?? kept;

  const clearError = connection.lastError !== null && REPAIRED_BY_UPDATE_MODE.test(connection.lastError);
  await db.plaidConnection.updateMany({
    where: { id: connectionId, userId },
    data: {
      requiresReauth: false,
      errorCount: 0,
      retryCount: 0,
      accessEndsAt: null,
      consentExpiresAt,
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
