// The channels this server can send on, built once from the environment: email always (SMTP, or the
// local outbox), push with a VAPID key pair, SMS with Twilio credentials. Also the words the settings
// page shows for each, which name a host at most and never a credential.
import "server-only";
import type { DeliveryChannel } from "@/lib/db/vocabulary";
import { type Env, env } from "@/lib/env";
import { createEmailSender, smtpServerLabel } from "./email";
import { createPushSender } from "./push";
import { createSmsSender, createTwilioProvider } from "./sms";
import type { ChannelSender } from "./types";

export type { ChannelSender, OutboundMessage, Recipient, SendResult } from "./types";
export { DeliveryError, isDeliveryError } from "./types";

export type ChannelSenders = Record<DeliveryChannel, ChannelSender | null>;
export type ChannelStatus = Record<DeliveryChannel, { configured: boolean; detail: string }>;

type Built = { senders: ChannelSenders; close: () => Promise<void>; pushProblem: string | null };

// On globalThis, as the database client is: Next.js may load this module in several bundles, and a pooled
// SMTP transport should exist once per process.
const registry = globalThis as typeof globalThis & { __mingusChannelSenders?: Built };

/** Senders for the settings given; null for a channel this server is not set up for. */
export function createChannelSenders(settings: Env): Built {
  const email = createEmailSender({
    smtpUrl: settings.SMTP_URL,
    from: settings.MAIL_FROM,
    outboxDir: settings.MAIL_OUTBOX_DIR,
  });
  let push: ChannelSender | null = null;
  let pushProblem: string | null = null;
  if (settings.VAPID_PUBLIC_KEY && settings.VAPID_PRIVATE_KEY && settings.VAPID_SUBJECT) {
    try {
      push = createPushSender({
        publicKey: settings.VAPID_PUBLIC_KEY,
        privateKey: settings.VAPID_PRIVATE_KEY,
        subject: settings.VAPID_SUBJECT,
      });
    } catch (error) {
      // A bad key pair turns push off instead of stopping every channel; the settings page says why.
      pushProblem = (error as Error).message;
    }
  }
  const sms =
    settings.TWILIO_ACCOUNT_SID && settings.TWILIO_AUTH_TOKEN && settings.TWILIO_FROM_NUMBER
      ? createSmsSender(
          createTwilioProvider({
            accountSid: settings.TWILIO_ACCOUNT_SID,
            authToken: settings.TWILIO_AUTH_TOKEN,
            from: settings.TWILIO_FROM_NUMBER,
            apiUrl: settings.TWILIO_API_URL,
          }),
        )
      : null;
  return { senders: { email, push, sms }, close: () => email.close(), pushProblem };
}

function built(): Built {
  registry.__mingusChannelSenders ??= createChannelSenders(env);
  return registry.__mingusChannelSenders;
}

/** This process's senders, built on first use; null = not configured. */
export function channelSendersFromEnv(): ChannelSenders {
  return built().senders;
}

/** Closes the pooled SMTP connections (worker shutdown, tests); the next use builds the senders again. */
export async function closeChannelSenders(): Promise<void> {
  const current = registry.__mingusChannelSenders;
  registry.__mingusChannelSenders = undefined;
  await current?.close();
}

/** Words for the settings page about each channel on the settings given. */
export function describeChannels(settings: Env, pushProblem: string | null = null): ChannelStatus {
  const pushKeys = settings.VAPID_PUBLIC_KEY && settings.VAPID_PRIVATE_KEY && settings.VAPID_SUBJECT;
  const twilio = settings.TWILIO_ACCOUNT_SID && settings.TWILIO_AUTH_TOKEN && settings.TWILIO_FROM_NUMBER;
  return {
    email: settings.SMTP_URL
      ? { configured: true, detail: `Sent through ${smtpServerLabel(settings.SMTP_URL)}.` }
      : {
          configured: true,
          detail: `No SMTP server is configured: messages are written to the local outbox (${settings.MAIL_OUTBOX_DIR}).`,
        },
    push: !pushKeys
      ? { configured: false, detail: "Push isn't set up on this server (VAPID keys missing)." }
      : pushProblem
        ? { configured: false, detail: `Push is turned off on this server: ${pushProblem.replace(/\.$/, "")}.` }
        : { configured: true, detail: "Push notifications are sent to the browsers you turn them on in." },
    sms: twilio
      ? { configured: true, detail: `Sent through Twilio from ${settings.TWILIO_FROM_NUMBER}.` }
      : { configured: false, detail: "SMS isn't set up on this server (Twilio credentials missing)." },
  };
}

/** Words for the settings page about this server's channels. */
export function channelStatus(): ChannelStatus {
  return describeChannels(env, built().pushProblem);
}

/** The VAPID public key browsers subscribe with, or null when push is not set up. */
export function pushPublicKey(): string | null {
  if (!env.VAPID_PUBLIC_KEY || built().pushProblem) return null;
  return env.VAPID_PUBLIC_KEY;
}
