// /webhook_verification_key/get: the public key that verifies the emulator's webhooks.
import "server-only";
import type { WebhookVerificationKeyGetResponse } from "plaid";
import { defineEndpoint } from "../endpoint";
import { EmulatorError } from "../errors";
import { webhookVerificationKeyGetSchema } from "../schemas";
import { findVerificationKey } from "../webhook-keys";

export const webhookVerificationKeyGet = defineEndpoint({
  schema: webhookVerificationKeyGetSchema,
  run: async ({ body }): Promise<Omit<WebhookVerificationKeyGetResponse, "request_id">> => {
    const key = await findVerificationKey(body.key_id);
    if (!key) throw new EmulatorError("INVALID_WEBHOOK_VERIFICATION_KEY_ID");
    return { key };
  },
});
