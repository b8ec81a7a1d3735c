// Evaluate a connection's alerts and hand the messages due now to the workers, for callers whose own
// work must not fail because of it (a sync that finished, a webhook Plaid waits on). Never throws: the
// rules run again at the next sync or webhook, and what they have not yet seen is not lost.
import "server-only";
import { db } from "@/lib/db";
import { enqueueNotifications } from "@/lib/jobs/enqueue";
import { log } from "@/lib/log";
import { evaluateConnectionAlerts } from "./evaluate";
import { evaluateManualAccountAlerts } from "./evaluate-manual";

export async function notifyConnectionAlerts({
  connectionId,
  accounts,
  context,
}: {
  connectionId: string;
  /** false: only the connection's own state (reconnect); its accounts' data did not change. */
  accounts: boolean;
  /** Names the caller in the log line ("sync <id>", "plaid webhook"). */
  context: string;
}): Promise<void> {
  try {
    const result = await evaluateConnectionAlerts({ connectionId, accounts });
    await enqueueNotifications(result.dueMessageIds.map((messageId) => ({ messageId })));
  } catch (error) {
    log.error({ err: error, context }, "alert evaluation failed");
  }
}

/** After a manual account's balance changed by hand (it has no sync to run its alerts). Never throws. */
export async function notifyManualAccountAlerts({ accountId }: { accountId: string }): Promise<void> {
  try {
    const result = await evaluateManualAccountAlerts({ accountId });
    await enqueueNotifications(result.dueMessageIds.map((messageId) => ({ messageId })));
  } catch (error) {
    log.error({ err: error, context: "manual account" }, "alert evaluation failed");
  }
}

/**
 * After someone changes their alert settings: each of their connections is evaluated, so a new
 * balance threshold starts from today's side of it and a balance already below a new low-balance
 * threshold says so now rather than at the next sync.
 */
export async function notifyUserAlerts({ userId }: { userId: string }): Promise<void> {
  const connections = await db.plaidConnection.findMany({ where: { userId, isActive: true }, select: { id: true } });
  for (const connection of connections) {
    await notifyConnectionAlerts({ connectionId: connection.id, accounts: true, context: "preferences saved" });
  }
  const manual = await db.bankAccount.findMany({ where: { userId, plaidConnectionId: null }, select: { id: true } });
  for (const account of manual) await notifyManualAccountAlerts({ accountId: account.id });
}
