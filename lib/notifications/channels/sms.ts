// SMS: a provider interface, Twilio's Messages API as the one real provider, and the channel sender
// that turns a rendered message into one short text.
import "server-only";
import { postToProvider, statusError } from "./http";
import { compactWhitespace, oneLine, redactSecrets, truncateText } from "./text";
import { type ChannelSender, DeliveryError } from "./types";

export interface SmsProvider {
  name: string;
  /** Resolves with the provider's message id once accepted; throws DeliveryError otherwise. */
  send(input: { to: string; body: string }): Promise<{ id: string }>;
}

// Two concatenated SMS segments' worth of text, give or take: enough for an alert, short of an essay.
export const SMS_MAX_CHARACTERS = 320;
const TWILIO_TIMEOUT_MS = 10_000;

type TwilioConfig = { accountSid: string; authToken: string; from: string; apiUrl: string };

/** Twilio's error body: https://www.twilio.com/docs/usage/twilios-response */
type TwilioError = { code?: unknown; message?: unknown };

export function createTwilioProvider(config: TwilioConfig): SmsProvider {
  const url = `${config.apiUrl.replace(/\/+$/, "")}/2010-04-01/Accounts/${encodeURIComponent(config.accountSid)}/Messages.json`;
  const authorization = `Basic ${Buffer.from(`${config.accountSid}:${config.authToken}`).toString("base64")}`;

  return {
    name: "Twilio",
    async send({ to, body }) {
      const response = await postToProvider({
        service: "Twilio",
        url,
        headers: {
          Authorization: authorization,
          "Content-Type": "application/x-www-form-urlencoded",
          Accept: "application/json",
        },
        body: new URLSearchParams({ To: to, From: config.from, Body: body }).toString(),
        timeoutMs: TWILIO_TIMEOUT_MS,
      });
      const json = parseJson(response.body);
      if (response.status === 200 || response.status === 201) {
        const sid = (json as { sid?: unknown } | null)?.sid;
        if (typeof sid === "string" && sid) return { id: sid };
        // The text may well be on its way: sending again could deliver it twice.
        throw new DeliveryError("rejected", "Twilio accepted the request but returned no message SID");
      }
      const explanation = redactSecrets({
        text: describeTwilioError(json as TwilioError | null, response.status),
        secrets: [config.authToken],
      });
      throw statusError({
        status: response.status,
        retryAfter: response.headers.get("retry-after"),
        message: `Twilio refused the message (${explanation})`,
      });
    },
  };
}

/** "21211: The 'To' number is not a valid phone number", or the HTTP status when Twilio said nothing usable. */
function describeTwilioError(error: TwilioError | null, status: number): string {
  const message = typeof error?.message === "string" ? oneLine({ text: error.message }) : null;
  const code = typeof error?.code === "number" || typeof error?.code === "string" ? String(error.code) : null;
  if (code && message) return `${code}: ${message}`;
  return message ?? `HTTP ${status}`;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

export function createSmsSender(provider: SmsProvider): ChannelSender {
  return {
    channel: "sms",
    async send({ recipient, message }) {
      if (!recipient.phoneNumber) throw new DeliveryError("skipped", "No phone number for SMS");
      const body = truncateText({ text: compactWhitespace(message.text), max: SMS_MAX_CHARACTERS });
      if (!body) throw new DeliveryError("rejected", "The message has no text to send by SMS");
      try {
        const { id } = await provider.send({ to: recipient.phoneNumber, body });
        return { providerId: id };
      } catch (error) {
        if (error instanceof DeliveryError) throw error;
        // A provider's own exception may carry its request, credentials included: keep only that it failed.
        throw new DeliveryError("retry", `${provider.name} failed unexpectedly`);
      }
    },
  };
}
