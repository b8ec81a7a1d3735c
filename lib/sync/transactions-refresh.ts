// Sync now's first step when PLAID_TRANSACTIONS_REFRESH=on (Plaid's paid add-on): /transactions/refresh
// asks the bank for new transactions, at most once per connection per 30 minutes. Plaid answers at
// once and sends SYNC_UPDATES_AVAILABLE when it has found something; the sync waits for that webhook.
import "server-only";
import { db } from "@/lib/db";
import { log } from "@/lib/log";
import { callPlaid, isPlaidError } from "@/lib/plaid/client";
import { getConnectionAccessToken } from "@/lib/plaid/connection-token";

export const REFRESH_INTERVAL_MS = 30 * 60 * 1000;
/** How long a sync waits for the webhook after a refresh before it runs anyway. */
export const REFRESH_WAIT_MS = 90 * 1000;

export type RefreshOutcome = "refreshed" | "throttled" | "failed";

/**
 * Calls /transactions/refresh unless this connection had one in the last 30 minutes. The slot is
 * claimed before the call (one conditional update), so two clicks at once make one paid call.
 */
export async function refreshTransactions({
  connectionId,
  now = new Date(),
}: {
  connectionId: string;
  now?: Date;
}): Promise<RefreshOutcome> {
  const { count } = await db.plaidConnection.updateMany({
    where: {
      id: connectionId,
      OR: [
        { transactionsRefreshedAt: null },
        { transactionsRefreshedAt: { lte: new Date(now.getTime() - REFRESH_INTERVAL_MS) } },
      ],
    },
    data: { transactionsRefreshedAt: now },
  });
  if (count === 0) return "throttled";
  try {
    const accessToken = await getConnectionAccessToken({ connectionId });
    await callPlaid({ endpoint: "/transactions/refresh", connectionId }, (api) =>
      api.transactionsRefresh({ access_token: accessToken }),
    );
    return "refreshed";
  } catch (error) {
    if (!isPlaidError(error)) throw error;
    // Recorded in plaid_api_calls; the sync goes ahead on what Plaid already has.
    log.warn({ connectionId, errorCode: error.plaid.error_code }, "transactions-refresh: Plaid answered with an error");
    return "failed";
  }
}
