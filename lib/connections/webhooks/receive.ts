// POST /api/plaid/webhook: verify the exact bytes, then parse, record and dispatch. A request that
// fails verification learns nothing but "unverified"; the reason goes to one log line.
import "server-only";
import { z } from "zod";
import { readLimitedBody } from "@/lib/http/read-limited-body";
import { log } from "@/lib/log";
import { countRefusedWebhook } from "@/lib/metrics";
import type { WebhookKey } from "@/lib/plaid/webhooks/key-cache";
import { getPlaidWebhookKey } from "@/lib/plaid/webhooks/plaid-keys";
import { verifyWebhook } from "@/lib/plaid/webhooks/verify";
import { handleWebhookEvent } from "./handlers";

// Plaid's webhooks are a few hundred bytes; anything near this is not one of them.
export const MAX_WEBHOOK_BODY_BYTES = 256 * 1024;

const payloadSchema = z.looseObject({
  webhook_type: z.string().min(1),
  webhook_code: z.string().min(1),
  item_id: z.string().min(1).nullish(),
});

export type ReceiveWebhookOptions = {
  /** Key lookup by kid; defaults to the configured Plaid's /webhook_verification_key/get, cached. */
  fetchKey?: (kid: string, now: Date) => Promise<WebhookKey | null>;
  now?: Date;
};

const json = (body: Record<string, unknown>, status: number) =>
  Response.json(body, { status, headers: { "Cache-Control": "no-store" } });

export async function receivePlaidWebhook(
  request: Request,
  { fetchKey = getPlaidWebhookKey, now = new Date() }: ReceiveWebhookOptions = {},
): Promise<Response> {
  const body = await readLimitedBody(request, MAX_WEBHOOK_BODY_BYTES);
  if (!body) return json({ error: "too_large" }, 413);

  // Headers.get is case-insensitive, as Plaid asks the header to be treated.
  const verification = await verifyWebhook({ body, token: request.headers.get("plaid-verification"), fetchKey, now });
  if (!verification.ok) {
    log.warn({ reason: verification.reason }, "plaid webhook rejected");
    countRefusedWebhook();
    return json({ error: "unverified" }, 401);
  }

  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(body));
  } catch {
    return json({ error: "invalid_json" }, 400);
  }
  const payload = payloadSchema.safeParse(parsed);
  if (!payload.success) return json({ error: "invalid_payload" }, 400);

  const result = await handleWebhookEvent({
    payload: payload.data,
    bodySha256: verification.bodySha256,
    issuedAt: verification.issuedAt,
    now,
  });
  // Plaid retries anything but a 2xx: only a failure we want retried answers otherwise.
  if (result === "failed") return json({ error: "failed" }, 500);
  return json({ received: true, result }, 200);
}
