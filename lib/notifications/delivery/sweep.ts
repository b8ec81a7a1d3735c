// The safety net under the notify jobs, run with the scheduler every minute: messages whose time has
// come (digests at their period's end, retries, any whose job was lost) are handed out again, and a
// message left "sending" by a worker that died is made pending again. Email to an address not yet
// confirmed is left waiting (deliver.ts).
import "server-only";
import { db } from "@/lib/db";
import { confirmedAddressOnly } from "./deliver";

/** A send that has not finished in this long belonged to a worker that is gone. */
export const STALE_SENDING_MS = 10 * 60_000;

export async function sweepNotificationMessages({
  now = new Date(),
  limit = 500,
}: {
  now?: Date;
  limit?: number;
} = {}): Promise<string[]> {
  await db.$executeRaw`
    UPDATE notification_messages SET status = 'pending', locked_at = NULL, next_attempt_at = ${now},
      last_error = 'The worker sending it stopped; sending again'
    WHERE status = 'sending' AND locked_at < ${new Date(now.getTime() - STALE_SENDING_MS)}`;
  const due = await db.$queryRaw<{ id: string }[]>`
    SELECT id FROM notification_messages
    WHERE status = 'pending' AND next_attempt_at <= ${now} AND ${confirmedAddressOnly}
    ORDER BY next_attempt_at LIMIT ${limit}`;
  return due.map((message) => message.id);
}
