// Where the receiver gets Plaid's webhook signing keys: /webhook_verification_key/get through the
// recorded client, behind the in-memory cache Plaid asks receivers to keep.
import "server-only";
import { type CallPlaid, callPlaid, isPlaidError } from "@/lib/plaid/client";
import { createWebhookKeyCache, type FetchWebhookKey, type WebhookKey } from "./key-cache";

/** Fetches a key by kid with the given caller; null when Plaid says there is no such key. */
export function createPlaidKeyFetcher(call: CallPlaid): FetchWebhookKey {
  return async (kid) => {
    try {
      const { key } = await call({ endpoint: "/webhook_verification_key/get" }, (api) =>
        api.webhookVerificationKeyGet({ key_id: kid }),
      );
      return key;
    } catch (error) {
      // Plaid refusing the kid itself is an answer (and is cached); an outage or bad credentials is not.
      const refused =
        isPlaidError(error) &&
        (error.plaid.error_type === "INVALID_INPUT" || error.plaid.error_type === "INVALID_REQUEST");
      if (refused) return null;
      throw error;
    }
  };
}

const keys = createWebhookKeyCache({ fetchKey: createPlaidKeyFetcher(callPlaid) });

/** The configured Plaid's key for `kid`, cached per process. */
export function getPlaidWebhookKey(kid: string, now?: Date): Promise<WebhookKey | null> {
  return keys.getKey(kid, now);
}
