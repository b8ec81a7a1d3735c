// /webhook_verification_key/get: the public key that verifies the emulator's webhooks.
import type { WebhookVerificationKeyGetResponse } from "plaid";
import { defineEndpoint } from "../endpoint.ts";
import { EmulatorError } from "../errors.ts";
import { webhookVerificationKeyGetSchema } from "../schemas.ts";
import { findVerificationKey } from "../webhook-keys.ts";

export const webhookVerificationKeyGet = defineEndpoint({
  schema: webhookVerificationKeyGetSchema,
  run: async ({ body, ctx }): Promise<Omit<WebhookVerificationKeyGetResponse, "request_id">> => {
    const key = await findVerificationKey(ctx.store, body.key_id);
    if (!key) throw new EmulatorError("INVALID_WEBHOOK_VERIFICATION_KEY_ID");
    return { key };
  },
});
