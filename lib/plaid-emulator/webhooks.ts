// Sending webhooks as Plaid does: the body is the exact JSON bytes, and the `Plaid-Verification`
// header is an ES256 JWT (header alg, kid, typ) whose claims are iat and the body's SHA-256, signed
// with a key /webhook_verification_key/get serves. Every delivery is recorded. Inside a Next request
// delivery waits until the response is sent (`after`); elsewhere it starts on the next tick.
// `flushWebhooks()` lets tests await whatever is under way.
import "server-only";
import { importJWK, SignJWT } from "jose";
import { after } from "next/server";
import { db, type Prisma } from "@/lib/db";
import { sha256Hex } from "./ids";
import { getSigningKey } from "./webhook-keys";

const DELIVERY_TIMEOUT_MS = 10_000;

export type WebhookPayload = { webhook_type: string; webhook_code: string; item_id: string } & Record<string, unknown>;

/** The Plaid-Verification JWT for exactly these body bytes. */
export async function signWebhookBody({ body, now = new Date() }: { body: string; now?: Date }): Promise<string> {
  const key = await getSigningKey();
  const privateKey = await importJWK(key.privateJwk, "ES256");
  return new SignJWT({ request_body_sha256: sha256Hex(body) })
    .setProtectedHeader({ alg: "ES256", kid: key.kid, typ: "JWT" })
    .setIssuedAt(Math.floor(now.getTime() / 1000))
    .sign(privateKey);
}

export type WebhookDelivery = { statusCode: number | null; error: string | null };

/** Signs and POSTs one webhook now, recording the attempt; never throws. */
export async function deliverWebhook({
  itemId,
  url,
  payload,
}: {
  itemId: string;
  url: string;
  payload: WebhookPayload;
}): Promise<WebhookDelivery> {
  const record = await db.plaidEmulatorWebhook.create({
    data: { itemId, url, payload: payload as Prisma.InputJsonValue },
  });
  let delivery: WebhookDelivery;
  try {
    const body = JSON.stringify(payload);
    const response = await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json", "Plaid-Verification": await signWebhookBody({ body }) },
      body,
      signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
    });
    await response.body?.cancel();
    delivery = { statusCode: response.status, error: response.ok ? null : `HTTP ${response.status}` };
  } catch (error) {
    delivery = { statusCode: null, error: error instanceof Error ? error.message : String(error) };
  }
  await db.plaidEmulatorWebhook
    .update({
      where: { id: record.id },
      data: { statusCode: delivery.statusCode, error: delivery.error, deliveredAt: new Date() },
    })
    .catch(() => undefined); // the item may have been deleted meanwhile; the attempt still happened
  return delivery;
}

const pending = new Set<Promise<unknown>>();

/** Delivers after the current response (or on the next tick outside a request). */
export function queueWebhook(delivery: { itemId: string; url: string; payload: WebhookPayload }): void {
  let start!: () => void;
  const started = new Promise<void>((resolve) => {
    start = resolve;
  });
  const job = started.then(() => deliverWebhook(delivery)).finally(() => pending.delete(job));
  pending.add(job);
  try {
    after(() => {
      start();
      return job;
    });
  } catch {
    // Outside a request scope (tests, scripts): no response to wait for.
    setImmediate(start);
  }
}

/** Resolves once every queued webhook has been delivered (or failed). */
export async function flushWebhooks(): Promise<void> {
  while (pending.size > 0) await Promise.allSettled([...pending]);
}
