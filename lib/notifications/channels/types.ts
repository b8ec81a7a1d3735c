// What every delivery channel (email, push, SMS) takes and gives back, and the one error it throws, so
// the delivery worker treats the three alike: send, then record "sent", "retry later" or "give up".
import "server-only";
import type { DeliveryChannel } from "@/lib/db/vocabulary";

/** One message, already rendered for its channel (lib/notifications/render.ts). */
export type OutboundMessage = {
  subject: string;
  text: string;
  /** Email only: sent beside `text` as the HTML alternative. */
  html?: string;
  /** Where the message leads in the app (a push notification opens it). */
  url?: string;
  /** Groups messages about one thing (a push notification replaces an earlier one with the same tag). */
  tag?: string;
};

export type PushSubscriptionKeys = { id: string; endpoint: string; p256dh: string; auth: string };

export type Recipient = {
  userId: string;
  email: string;
  phoneNumber: string | null;
  pushSubscriptions: PushSubscriptionKeys[];
};

export type SendResult = {
  /** The provider's id for the message (Message-ID, push Location, Twilio SID), when it gave one. */
  providerId: string | null;
  /** Push only: subscriptions the push service says are gone (404/410); delete them. */
  expiredSubscriptionIds?: string[];
};

export type DeliveryErrorKind = "retry" | "rejected" | "skipped";

/**
 * kind: "retry" = transient, try again later (retryAfterMs when the provider said); "rejected" = permanent;
 * "skipped" = nothing to send to (no phone number, no push subscription). `message` is safe to store and
 * show: it never holds a password, token or key. Push may report expired subscriptions even when it fails.
 */
export class DeliveryError extends Error {
  readonly kind: DeliveryErrorKind;
  readonly retryAfterMs: number | null;
  readonly expiredSubscriptionIds: string[];

  constructor(
    kind: DeliveryErrorKind,
    message: string,
    options: { retryAfterMs?: number | null; expiredSubscriptionIds?: string[] } = {},
  ) {
    super(message);
    this.name = "DeliveryError";
    this.kind = kind;
    this.retryAfterMs = options.retryAfterMs ?? null;
    this.expiredSubscriptionIds = options.expiredSubscriptionIds ?? [];
  }
}

export function isDeliveryError(error: unknown, kind?: DeliveryErrorKind): error is DeliveryError {
  return error instanceof DeliveryError && (kind === undefined || error.kind === kind);
}

export interface ChannelSender {
  channel: DeliveryChannel;
  /** Resolves when the provider accepted the message; throws DeliveryError otherwise. */
  send(input: { recipient: Recipient; message: OutboundMessage }): Promise<SendResult>;
}
