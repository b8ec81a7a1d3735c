// A person's digests still waiting for their period to end, and "Send now": every pending digest of
// theirs becomes due at once (the next notification of the period then starts a new digest).
import "server-only";
import { db } from "@/lib/db";
import type { DeliveryChannel } from "@/lib/db/vocabulary";
import { enqueueNotifications } from "@/lib/jobs/enqueue";
import type { DigestFrequency } from "./periods";

export type PendingDigest = { channel: DeliveryChannel; frequency: DigestFrequency; periodEnd: Date; count: number };

/** Digests still waiting for their time; one that is due is going out and no longer listed. */
export async function pendingDigests(
  userId: string,
  { now = new Date() }: { now?: Date } = {},
): Promise<PendingDigest[]> {
  const rows = await db.$queryRaw<
    { channel: DeliveryChannel; frequency: DigestFrequency; period_end: Date; count: number }[]
  >`
    SELECT m.channel, m.frequency, m.period_end, count(d.notification_id)::int AS count
    FROM notification_messages m JOIN notification_deliveries d ON d.message_id = m.id
    WHERE m.user_id = ${userId}::uuid AND m.status = 'pending' AND m.frequency <> 'immediate' AND m.attempts = 0
      AND m.next_attempt_at > ${now}
    GROUP BY m.id ORDER BY m.period_end, m.channel`;
  return rows.map((row) => ({
    channel: row.channel,
    frequency: row.frequency,
    periodEnd: row.period_end,
    count: row.count,
  }));
}

/** Makes the user's waiting digests due now and hands them to the workers; returns how many. */
export async function sendDigestsNow(
  userId: string,
  { now = new Date() }: { now?: Date } = {},
): Promise<{ sent: number }> {
  const due = await db.$queryRaw<{ id: string }[]>`
    UPDATE notification_messages SET next_attempt_at = ${now}
    WHERE user_id = ${userId}::uuid AND status = 'pending' AND frequency <> 'immediate' AND attempts = 0
      AND next_attempt_at > ${now}
    RETURNING id`;
  await enqueueNotifications(due.map((message) => ({ messageId: message.id })));
  return { sent: due.length };
}
