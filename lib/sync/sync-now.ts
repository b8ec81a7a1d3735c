// "Sync now" for a connection's owner: joins the run already queued or going, or queues a manual one and
// hands it to the queue at once, so the person watches one run rather than starting a second.
import "server-only";
import { accessRevokedBy } from "@/lib/accounts";
import { getOwnedConnection } from "@/lib/auth/ownership";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { enqueueSyncJob } from "@/lib/jobs/enqueue";
import { RUNNING_SYNC_STATUSES } from "./progress";
import { requestSync } from "./request-sync";
import { REFRESH_WAIT_MS, refreshTransactions } from "./transactions-refresh";

export type SyncNowResult = "started" | "joined" | "paused" | "needs_reconnect" | "access_revoked" | "inactive";

export type SyncNowOutcome = { result: SyncNowResult; syncId: string | null; institutionName: string };

/** Throws connection:not_found unless userId owns the connection. */
export async function startManualSync({
  userId,
  connectionId,
  now = new Date(),
  refresh = env.PLAID_TRANSACTIONS_REFRESH,
}: {
  userId: string;
  connectionId: string;
  now?: Date;
  /** Ask the bank for new transactions first (/transactions/refresh); PLAID_TRANSACTIONS_REFRESH by default. */
  refresh?: boolean;
}): Promise<SyncNowOutcome> {
  const connection = await getOwnedConnection({ userId, connectionId });
  const outcome = (result: SyncNowResult, syncId: string | null = null): SyncNowOutcome => ({
    result,
    syncId,
    institutionName: connection.institutionName,
  });
  if (!connection.isActive) return outcome("inactive");
  if (connection.pausedAt) return outcome("paused");
  // Revoked access: the bank would refuse; the person reconnects or removes the connection.
  if (accessRevokedBy(connection)) return outcome("access_revoked");
  // A sync would only fail with ITEM_LOGIN_REQUIRED; the person has to reconnect first.
  if (connection.requiresReauth) return outcome("needs_reconnect");

  const running = await findRunningSync(connection.id);
  if (running) {
    // In progress: it is already the fresh data they asked for. Queued: make sure a job carries it.
    if (running.status === "pending") await sendToQueue(connection.id);
    return outcome("joined", running.id);
  }

  const refreshed = refresh && (await refreshTransactions({ connectionId: connection.id, now })) === "refreshed";
  const requested = await requestSync({
    connectionId: connection.id,
    syncType: "manual",
    trigger: "manual",
    details: { requested_by: userId },
    now,
    // The SYNC_UPDATES_AVAILABLE the refresh brings releases the run; the sweep starts it after the wait.
    ...(refreshed ? { awaitRefreshUntil: new Date(now.getTime() + REFRESH_WAIT_MS) } : {}),
  });
  if (requested === "paused" || requested === "inactive") return outcome(requested);
  // "queued", or "already_queued" when another request landed between the check and here: either way
  // one pending row waits, and it is the one this person now watches.
  const pending = await findRunningSync(connection.id);
  // A run held for the refresh's webhook gets no job now: a job would be deferred to the end of the
  // wait, and as the connection's one queued job it would swallow the job the webhook sends.
  if (!refreshed) await sendToQueue(connection.id);
  return outcome(requested === "queued" ? "started" : "joined", pending?.id ?? null);
}

async function findRunningSync(connectionId: string) {
  const rows = await db.transactionSync.findMany({
    where: { plaidConnectionId: connectionId, status: { in: [...RUNNING_SYNC_STATUSES] } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, status: true },
  });
  return rows.find((row) => row.status === "in_progress") ?? rows[0] ?? null;
}

// The job makes a worker start within seconds instead of at the scheduler's next sweep. Best effort
// (enqueueSyncJob never throws): the pending row is the request whatever happens to the job, and a run
// waiting out a retry_after is not started early by it.
async function sendToQueue(connectionId: string): Promise<void> {
  await enqueueSyncJob({ connectionId });
}
