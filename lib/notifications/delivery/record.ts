// Alerts become notifications (once each: the dedupe key), and each notification gets a message on
// every channel the person has on and the server can send: its own message when they want alerts
// immediately, else a place in the pending digest of the current period. Runs inside the caller's
// transaction, so states, notifications and messages are written together or not at all.
import "server-only";
import type { Prisma } from "@/lib/db";
import { lockUser } from "@/lib/db/locks";
import { DELIVERY_CHANNELS, type DeliveryChannel } from "@/lib/db/vocabulary";
import type { Preferences } from "@/lib/preferences";
import { getNotificationChannels } from "@/lib/preferences";
import { channelStatus } from "../channels";
import type { AlertContent } from "../rules/types";
import { type DigestFrequency, digestPeriod, isDigestFrequency } from "./periods";

type Tx = Prisma.TransactionClient;

/** The channels this server can send on: email always (SMTP or the outbox), push and SMS when set up. */
export function configuredChannels(): ReadonlySet<DeliveryChannel> {
  const status = channelStatus();
  return new Set(DELIVERY_CHANNELS.filter((channel) => status[channel].configured));
}

export type AlertToRecord = {
  content: AlertContent;
  accountId: string | null;
  connectionId: string | null;
  /** Names the event: the same event evaluated twice is one notification. */
  dedupeKey: string;
  /** The effective preferences that decide channels and frequency (the account's, or the global ones). */
  preferences: Preferences;
};

export type RecordResult = { notifications: number; dueMessageIds: string[] };

export async function recordAlerts(
  tx: Tx,
  {
    userId,
    alerts,
    now,
    channels = configuredChannels(),
  }: {
    userId: string;
    alerts: AlertToRecord[];
    now: Date;
    /** Channels this server can send on (default: as configured). */
    channels?: ReadonlySet<DeliveryChannel>;
  },
): Promise<RecordResult> {
  if (alerts.length === 0) return { notifications: 0, dueMessageIds: [] };
  // One writer of a person's digests at a time: two connections syncing together share one digest.
  await lockUser(tx, userId);

  const wanted = alerts.map((alert) => ({ alert, channels: getNotificationChannels(alert.preferences) }));
  const created = await tx.notification.createManyAndReturn({
    data: wanted.map(({ alert, channels: on }) => ({
      userId,
      bankAccountId: alert.accountId,
      plaidConnectionId: alert.connectionId,
      kind: alert.content.kind,
      title: alert.content.title,
      body: alert.content.body,
      reason: alert.content.reason,
      data: alert.content.data as Prisma.InputJsonObject,
      dedupeKey: alert.dedupeKey,
      inApp: on.includes("in_app"),
      createdAt: now,
    })),
    skipDuplicates: true,
    select: { id: true, dedupeKey: true },
  });

  const dueMessageIds: string[] = [];
  for (const notification of created) {
    const entry = wanted.find(({ alert }) => alert.dedupeKey === notification.dedupeKey);
    if (!entry) continue;
    for (const channel of entry.channels) {
      if (channel === "in_app" || !channels.has(channel)) continue;
      const frequency = entry.alert.preferences.notificationFrequency;
      const messageId = isDigestFrequency(frequency)
        ? await pendingDigest(tx, { userId, channel, frequency, now })
        : await immediateMessage(tx, { userId, channel, notificationId: notification.id, now });
      await tx.notificationDelivery.create({ data: { notificationId: notification.id, channel, messageId } });
      if (!isDigestFrequency(frequency)) dueMessageIds.push(messageId);
    }
  }
  return { notifications: created.length, dueMessageIds };
}

async function immediateMessage(
  tx: Tx,
  {
    userId,
    channel,
    notificationId,
    now,
  }: { userId: string; channel: DeliveryChannel; notificationId: string; now: Date },
): Promise<string> {
  const message = await tx.notificationMessage.create({
    data: { userId, channel, frequency: "immediate", dedupeKey: `${notificationId}:${channel}`, nextAttemptAt: now },
    select: { id: true },
  });
  return message.id;
}

/**
 * The digest this period's notifications gather in: the pending one, or a new one sent at the
 * period's end. A digest already sent early ("Send now") leaves later alerts to a second digest.
 */
async function pendingDigest(
  tx: Tx,
  {
    userId,
    channel,
    frequency,
    now,
  }: { userId: string; channel: DeliveryChannel; frequency: DigestFrequency; now: Date },
): Promise<string> {
  const period = digestPeriod(frequency, now);
  const existing = await tx.notificationMessage.findMany({
    where: { userId, channel, frequency, periodStart: period.start },
    select: { id: true, status: true },
  });
  const open = existing.find((message) => message.status === "pending");
  if (open) return open.id;
  const base = `digest:${userId}:${channel}:${frequency}:${period.start.toISOString()}`;
  const message = await tx.notificationMessage.create({
    data: {
      userId,
      channel,
      frequency,
      dedupeKey: existing.length === 0 ? base : `${base}:${existing.length + 1}`,
      periodStart: period.start,
      periodEnd: period.end,
      nextAttemptAt: period.end,
    },
    select: { id: true },
  });
  return message.id;
}
