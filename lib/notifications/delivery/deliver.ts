// Sending one message: claim it (pending and due, so two workers never send it twice at once), render
// it (one alert, or the period's digest), hand it to its channel, and record the outcome and the
// attempt. A transient failure is retried with backoff (the message waits as pending until then); a
// permanent one, or nothing left to send to, ends it. Channels turned off since the alert are honoured.
import "server-only";
import { db, Prisma } from "@/lib/db";
import type { DeliveryChannel, NotificationFrequency } from "@/lib/db/vocabulary";
import { env } from "@/lib/env";
import { computeBackoffMs } from "@/lib/jobs/backoff";
import { getNotificationChannels, resolvePreferences } from "@/lib/preferences";
import { channelSendersFromEnv } from "../channels";
import { type ChannelSender, DeliveryError, type SendResult } from "../channels/types";
import { type NotificationForMessage, renderDigest, renderSingle } from "../render";

/** Attempts before a message is given up as failed (the first try and five retries). */
export const MAX_ATTEMPTS = 6;
export const RETRY_BASE_MS = 30_000;
export const RETRY_CAP_MS = 3_600_000;

export type DeliveryOutcome =
  | { outcome: "not_due" }
  | { outcome: "sent"; providerId: string | null }
  | { outcome: "retry"; retryAt: Date; error: string }
  | { outcome: "failed" | "cancelled"; error: string };

export type Senders = Record<DeliveryChannel, ChannelSender | null>;

type ClaimedMessage = {
  id: string;
  user_id: string;
  channel: DeliveryChannel;
  frequency: NotificationFrequency;
  period_start: Date | null;
  period_end: Date | null;
  attempts: number;
};

/**
 * Email waits for a confirmed address (docs/security.md, Email addresses): such a message stays pending,
 * untouched, and the sweep hands it out once the person opens the link. Mail to an address nobody proved
 * would let anyone point Mingus's alerts at a stranger's mailbox.
 */
export const confirmedAddressOnly = Prisma.sql`(channel <> 'email' OR EXISTS (
  SELECT 1 FROM users WHERE users.id = notification_messages.user_id AND users.email_verified IS NOT NULL))`;

export function appBaseUrl(): string {
  return (env.APP_URL ?? env.NEXTAUTH_URL).replace(/\/+$/, "");
}

export async function deliverMessage({
  messageId,
  senders = channelSendersFromEnv(),
  now = new Date(),
  appUrl = appBaseUrl(),
}: {
  messageId: string;
  senders?: Senders;
  now?: Date;
  appUrl?: string;
}): Promise<DeliveryOutcome> {
  const [message] = await db.$queryRaw<ClaimedMessage[]>`
    UPDATE notification_messages SET status = 'sending', attempts = attempts + 1, locked_at = ${now}
    WHERE id = ${messageId}::uuid AND status = 'pending' AND next_attempt_at <= ${now} AND ${confirmedAddressOnly}
    RETURNING id, user_id, channel, frequency, period_start, period_end, attempts`;
  if (!message) return { outcome: "not_due" };

  const started = performance.now();
  const finish = (result: Omit<AttemptRecord, "durationMs">) =>
    recordAttempt({ message, now, ...result, durationMs: Math.round(performance.now() - started) });

  const sender = senders[message.channel];
  if (!sender)
    return finish({ outcome: "skipped", error: `${channelName(message.channel)} is not set up on this server` });

  const notifications = await stillWanted(message);
  if (notifications.length === 0) {
    return finish({ outcome: "skipped", error: `${channelName(message.channel)} notifications were turned off` });
  }
  const recipient = await loadRecipient(message);
  if (!recipient) return finish({ outcome: "skipped", error: "The person no longer exists" });

  const rendered =
    message.frequency === "immediate" || !message.period_start || !message.period_end
      ? renderSingle({ notification: notifications[0] as NotificationForMessage, channel: message.channel, appUrl })
      : renderDigest({
          notifications,
          frequency: message.frequency,
          periodStart: message.period_start,
          periodEnd: message.period_end,
          channel: message.channel,
          appUrl,
        });

  let result: SendResult;
  try {
    result = await sender.send({ recipient, message: rendered });
  } catch (error) {
    const failure =
      error instanceof DeliveryError ? error : new DeliveryError("retry", `Unexpected error: ${describe(error)}`);
    await forgetExpiredSubscriptions(failure.expiredSubscriptionIds);
    return finish({
      outcome: failure.kind === "retry" ? "failed" : failure.kind,
      error: failure.message,
      retryAfterMs: failure.retryAfterMs,
    });
  }
  await forgetExpiredSubscriptions(result.expiredSubscriptionIds ?? []);
  if (message.channel === "push") {
    const live = recipient.pushSubscriptions
      .map((subscription) => subscription.id)
      .filter((id) => !result.expiredSubscriptionIds?.includes(id));
    await db.pushSubscription.updateMany({ where: { id: { in: live } }, data: { lastSuccessAt: now } });
  }
  return finish({ outcome: "sent", providerId: result.providerId });
}

type AttemptRecord = {
  outcome: "sent" | "failed" | "rejected" | "skipped";
  providerId?: string | null;
  error?: string;
  retryAfterMs?: number | null;
  durationMs: number;
};

/** The attempt logged and the message moved on: sent, pending again until its retry, failed or cancelled. */
async function recordAttempt({
  message,
  now,
  outcome,
  providerId = null,
  error,
  retryAfterMs = null,
  durationMs,
}: AttemptRecord & { message: ClaimedMessage; now: Date }): Promise<DeliveryOutcome> {
  const retry = outcome === "failed" && message.attempts < MAX_ATTEMPTS;
  const retryAt = retry
    ? new Date(
        now.getTime() +
          Math.max(
            retryAfterMs ?? 0,
            computeBackoffMs({ attempt: message.attempts, baseMs: RETRY_BASE_MS, capMs: RETRY_CAP_MS }),
          ),
      )
    : null;
  const status =
    outcome === "sent" ? "sent" : retry ? "pending" : outcome === "skipped" ? "cancelled" : ("failed" as const);
  const safeError = error?.slice(0, 1000) ?? null;
  await db.$transaction([
    db.notificationDeliveryAttempt.create({
      data: {
        messageId: message.id,
        attempt: message.attempts,
        channel: message.channel,
        outcome,
        providerId,
        error: safeError,
        durationMs,
        createdAt: now,
      },
    }),
    db.notificationMessage.update({
      where: { id: message.id },
      data: {
        status,
        lockedAt: null,
        lastError: outcome === "sent" ? null : safeError,
        ...(outcome === "sent" ? { sentAt: now } : {}),
        ...(retryAt ? { nextAttemptAt: retryAt } : {}),
      },
    }),
  ]);
  if (outcome === "sent") return { outcome: "sent", providerId };
  if (retryAt) return { outcome: "retry", retryAt, error: safeError ?? "" };
  return { outcome: status === "cancelled" ? "cancelled" : "failed", error: safeError ?? "" };
}

/**
 * The message's notifications whose channel is still on for their account (account, then global
 * preferences): someone who turned email off after an alert gets no email for it.
 */
async function stillWanted(message: ClaimedMessage): Promise<NotificationForMessage[]> {
  const deliveries = await db.notificationDelivery.findMany({
    where: { messageId: message.id },
    select: {
      notification: {
        select: {
          id: true,
          kind: true,
          title: true,
          body: true,
          reason: true,
          createdAt: true,
          bankAccountId: true,
          data: true,
        },
      },
    },
  });
  const rows = await db.bankingPreferences.findMany({ where: { userId: message.user_id } });
  const global = rows.find((row) => row.bankAccountId === null) ?? null;
  return deliveries
    .map(({ notification }) => notification)
    .filter((notification) => {
      const account = notification.bankAccountId
        ? (rows.find((row) => row.bankAccountId === notification.bankAccountId) ?? null)
        : null;
      return getNotificationChannels(resolvePreferences({ account, global }).values).includes(message.channel);
    })
    .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
    .map((notification) => ({
      id: notification.id,
      data: notification.data,
      kind: notification.kind as NotificationForMessage["kind"],
      title: notification.title,
      body: notification.body,
      reason: notification.reason,
      createdAt: notification.createdAt,
      accountId: notification.bankAccountId,
      accountName: accountNameOf(notification.data),
    }));
}

function accountNameOf(data: Prisma.JsonValue): string | null {
  const value = (data as { account_name?: unknown } | null)?.account_name;
  return typeof value === "string" ? value : null;
}

async function loadRecipient(message: ClaimedMessage) {
  const user = await db.user.findUnique({
    where: { id: message.user_id },
    select: {
      id: true,
      email: true,
      phoneNumber: true,
      pushSubscriptions: { select: { id: true, endpoint: true, p256dh: true, auth: true } },
    },
  });
  if (!user) return null;
  return {
    userId: user.id,
    email: user.email,
    phoneNumber: user.phoneNumber,
    pushSubscriptions: message.channel === "push" ? user.pushSubscriptions : [],
  };
}

async function forgetExpiredSubscriptions(ids: string[]): Promise<void> {
  if (ids.length > 0) await db.pushSubscription.deleteMany({ where: { id: { in: ids } } });
}

function channelName(channel: DeliveryChannel): string {
  return { email: "Email", push: "Push", sms: "SMS" }[channel];
}

// The error's class and message only: channels build their errors without credentials, and an
// unexpected one is cut short rather than dumped.
function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}`.slice(0, 300) : "unknown failure";
}

/** A "notify" job as a worker runs it: the message sent, or its retry's time. */
export async function handleNotifyJob({ messageId }: { messageId: string }): Promise<{ retryAt: Date } | null> {
  const result = await deliverMessage({ messageId });
  return result.outcome === "retry" ? { retryAt: result.retryAt } : null;
}
