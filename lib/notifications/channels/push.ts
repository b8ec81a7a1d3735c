// Web Push: one encrypted message to each of the recipient's browsers. web-push builds the request (the
// aes128gcm payload and the VAPID signature); fetch sends it, so one timeout covers the whole exchange and
// the push service's status and headers (Location, Retry-After) are read the same way as Twilio's.
import "server-only";
import { createECDH } from "node:crypto";
import webpush, { type RequestDetails } from "web-push";
import { postToProvider, statusError } from "./http";
import { isKnownPushService } from "./push-services";
import { oneLine, truncateText } from "./text";
import { type ChannelSender, DeliveryError, type PushSubscriptionKeys } from "./types";

type PushConfig = {
  publicKey: string;
  privateKey: string;
  /** mailto: or https: contact the push services can reach the operator at. */
  subject: string;
  timeoutMs?: number;
  /**
   * Send to any http:// or https:// endpoint (a test's local push service). Off: only the browsers'
   * push services over https (push-services.ts), as subscriptions are checked when saved.
   */
  allowAnyEndpoint?: boolean;
};

// A push message is at most 4096 bytes encrypted; aes128gcm adds 103. Staying well under leaves room.
const MAX_PAYLOAD_BYTES = 3_000;
const MAX_TITLE_CHARACTERS = 120;
// A notification not delivered within a day is stale: the in-app list and email carry it instead.
const TTL_SECONDS = 24 * 60 * 60;
const DEFAULT_TIMEOUT_MS = 10_000;

/** What the service worker receives (it shows `title` and `body` and opens `url` on click). */
export type PushPayload = { title: string; body: string; url?: string; tag?: string };

type Outcome =
  | { kind: "sent"; location: string | null }
  | { kind: "gone"; id: string }
  | { kind: "failed"; error: DeliveryError };

export function createPushSender(config: PushConfig): ChannelSender {
  assertVapidKeys(config);
  const timeoutMs = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const vapidDetails = { subject: config.subject, publicKey: config.publicKey, privateKey: config.privateKey };

  async function sendOne(subscription: PushSubscriptionKeys, payload: string): Promise<Outcome> {
    const service = pushServiceName(subscription.endpoint);
    if (!isAllowedEndpoint(subscription.endpoint, config.allowAnyEndpoint ?? false)) {
      return { kind: "failed", error: new DeliveryError("rejected", `Not a push service address (${service})`) };
    }
    let request: RequestDetails;
    try {
      request = webpush.generateRequestDetails(
        { endpoint: subscription.endpoint, keys: { p256dh: subscription.p256dh, auth: subscription.auth } },
        payload,
        { vapidDetails, TTL: TTL_SECONDS, urgency: "normal", contentEncoding: "aes128gcm" },
      );
    } catch (error) {
      // Only the subscription can be at fault here (the VAPID keys were checked at start): bad p256dh/auth.
      return {
        kind: "failed",
        error: new DeliveryError("rejected", `Unusable push subscription: ${messageOf(error)}`),
      };
    }
    try {
      const response = await postToProvider({
        service,
        url: request.endpoint,
        headers: requestHeaders(request.headers),
        body: new Uint8Array(request.body ?? []),
        timeoutMs,
      });
      if (response.status >= 200 && response.status < 300) {
        return { kind: "sent", location: response.headers.get("location") };
      }
      // 404 and 410 are the push service saying this browser unsubscribed or the subscription expired.
      if (response.status === 404 || response.status === 410) return { kind: "gone", id: subscription.id };
      const detail = response.body.trim() ? `: ${oneLine({ text: response.body })}` : "";
      return {
        kind: "failed",
        error: statusError({
          status: response.status,
          retryAfter: response.headers.get("retry-after"),
          message: `The push service ${service} answered ${response.status}${detail}`,
        }),
      };
    } catch (error) {
      if (error instanceof DeliveryError) return { kind: "failed", error };
      throw error;
    }
  }

  return {
    channel: "push",
    async send({ recipient, message }) {
      if (recipient.pushSubscriptions.length === 0) {
        throw new DeliveryError("skipped", "No browser has push turned on");
      }
      const payload = JSON.stringify(buildPushPayload(message));
      const outcomes = await Promise.all(
        recipient.pushSubscriptions.map((subscription) => sendOne(subscription, payload)),
      );
      return combineOutcomes(outcomes);
    },
  };
}

/**
 * One browser receiving the message is success (retrying would show it twice there). Otherwise the
 * message fails as "retry" if any browser might take it later, else "rejected", else (every subscription
 * gone) "skipped". Expired subscriptions are reported either way.
 */
function combineOutcomes(outcomes: Outcome[]) {
  const expiredSubscriptionIds = outcomes.flatMap((outcome) => (outcome.kind === "gone" ? [outcome.id] : []));
  const sent = outcomes.flatMap((outcome) => (outcome.kind === "sent" ? [outcome] : []));
  if (sent.length > 0) {
    return { providerId: sent.find((outcome) => outcome.location)?.location ?? null, expiredSubscriptionIds };
  }
  const errors = outcomes.flatMap((outcome) => (outcome.kind === "failed" ? [outcome.error] : []));
  const retryable = errors.filter((error) => error.kind === "retry");
  if (retryable.length > 0) {
    const delays = retryable.flatMap((error) => (error.retryAfterMs === null ? [] : [error.retryAfterMs]));
    throw new DeliveryError("retry", joinMessages(retryable), {
      retryAfterMs: delays.length > 0 ? Math.max(...delays) : null,
      expiredSubscriptionIds,
    });
  }
  if (errors.length > 0) throw new DeliveryError("rejected", joinMessages(errors), { expiredSubscriptionIds });
  throw new DeliveryError("skipped", "Every browser's push subscription has expired", { expiredSubscriptionIds });
}

function joinMessages(errors: DeliveryError[]): string {
  return [...new Set(errors.map((error) => error.message))].join("; ");
}

/** The notification's JSON, with the body cut until the whole fits a push message. */
export function buildPushPayload(message: { subject: string; text: string; url?: string; tag?: string }): PushPayload {
  const base = {
    title: truncateText({ text: message.subject, max: MAX_TITLE_CHARACTERS }),
    ...(message.url ? { url: message.url } : {}),
    ...(message.tag ? { tag: message.tag } : {}),
  };
  let max = message.text.length;
  for (;;) {
    const payload = { ...base, body: truncateText({ text: message.text, max }) };
    if (Buffer.byteLength(JSON.stringify(payload)) <= MAX_PAYLOAD_BYTES || max === 0) return payload;
    max = Math.floor(max * 0.9);
  }
}

// Fail at start, naming the problem but never the key: a mismatched pair would be refused by every
// push service for every browser.
function assertVapidKeys({ publicKey, privateKey, subject }: PushConfig): void {
  webpush.getVapidHeaders("https://push.example", subject, publicKey, privateKey, "aes128gcm");
  const ecdh = createECDH("prime256v1");
  ecdh.setPrivateKey(Buffer.from(privateKey, "base64url"));
  if (ecdh.getPublicKey().toString("base64url") !== publicKey) {
    throw new Error("VAPID_PUBLIC_KEY is not the public half of VAPID_PRIVATE_KEY");
  }
}

function isAllowedEndpoint(endpoint: string, allowAny: boolean): boolean {
  if (!allowAny) return isKnownPushService(endpoint);
  const protocol = URL.parse(endpoint)?.protocol;
  return protocol === "https:" || protocol === "http:";
}

// The endpoint's path is the browser's push token: messages name the host only.
function pushServiceName(endpoint: string): string {
  return URL.parse(endpoint)?.host || "unknown";
}

function requestHeaders(headers: Record<string, string | number>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers)
      .filter(([name]) => name.toLowerCase() !== "content-length")
      .map(([name, value]) => [name, String(value)]),
  );
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
