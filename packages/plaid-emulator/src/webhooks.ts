// Sending webhooks as Plaid does: the body is the exact JSON bytes, and the `Plaid-Verification`
// header is an ES256 JWT (header alg, kid, typ) whose claims are iat and the body's SHA-256, signed
// with a key /webhook_verification_key/get serves. Every delivery is recorded. A delivery starts when
// the host's `defer` says (after the response is sent, inside a framework that knows; otherwise on
// the next tick), and `flush()` lets tests await whatever is under way.
import { importJWK, SignJWT } from "jose";
import { EmulatorError } from "./errors.ts";
import { sha256Hex } from "./ids.ts";
import { json, type Sql } from "./store/store.ts";
import { getSigningKey } from "./webhook-keys.ts";

const DELIVERY_TIMEOUT_MS = 10_000;

export type WebhookPayload = { webhook_type: string; webhook_code: string; item_id: string } & Record<string, unknown>;

/** The Plaid-Verification JWT for exactly these body bytes. */
export async function signWebhookBody(
  sql: Sql,
  { body, now = new Date() }: { body: string; now?: Date },
): Promise<string> {
  const key = await getSigningKey(sql);
  const privateKey = await importJWK(key.privateJwk, "ES256");
  return new SignJWT({ request_body_sha256: sha256Hex(body) })
    .setProtectedHeader({ alg: "ES256", kid: key.kid, typ: "JWT" })
    .setIssuedAt(Math.floor(now.getTime() / 1000))
    .sign(privateKey);
}

export type WebhookDelivery = { statusCode: number | null; error: string | null };

/**
 * Whether the emulator may POST to `url`: its host is one of `hosts` ("host" for any port, "host:port"
 * for one), or any host when `hosts` is undefined. Otherwise anyone who can call the emulator could
 * make the server POST to its own loopback or private network (a blind SSRF).
 */
export function isWebhookHostAllowed(url: string, hosts: readonly string[] | undefined): boolean {
  if (hosts === undefined) return true;
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return false;
  }
  if (target.protocol !== "http:" && target.protocol !== "https:") return false;
  const port = target.port || (target.protocol === "https:" ? "443" : "80");
  return hosts.some((raw) => {
    const entry = raw.trim();
    let allowed: URL;
    try {
      allowed = new URL(`http://${entry}`);
    } catch {
      return false;
    }
    // "host" allows any port; "host:port" that one (URL drops a port of 80, the http default).
    const anyPort = !/:\d+$/.test(entry);
    return allowed.hostname === target.hostname && (anyPort || (allowed.port || "80") === port);
  });
}

/** Signs and POSTs one webhook now, recording the attempt; never throws. */
export async function deliverWebhook(
  sql: Sql,
  {
    itemId,
    url,
    payload,
    allowedHosts,
  }: { itemId: string; url: string; payload: WebhookPayload; allowedHosts?: readonly string[] },
): Promise<WebhookDelivery> {
  const [record] = await sql.query<{ id: string }>(
    "INSERT INTO plaid_emulator.webhooks (item_id, url, payload) VALUES ($1, $2, $3::text::jsonb) RETURNING id",
    [itemId, url, json(payload)],
  );
  let delivery: WebhookDelivery;
  try {
    // Checked again at sending: a webhook stored before the list changed is not sent either.
    if (!isWebhookHostAllowed(url, allowedHosts)) throw new Error("the webhook's host is not allowed");
    const body = JSON.stringify(payload);
    const response = await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json", "Plaid-Verification": await signWebhookBody(sql, { body }) },
      body,
      signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
    });
    await response.body?.cancel();
    delivery = { statusCode: response.status, error: response.ok ? null : `HTTP ${response.status}` };
  } catch (error) {
    delivery = { statusCode: null, error: error instanceof Error ? error.message : String(error) };
  }
  await sql
    .query("UPDATE plaid_emulator.webhooks SET status_code = $2, error = $3, delivered_at = $4 WHERE id = $1", [
      record?.id,
      delivery.statusCode,
      delivery.error,
      new Date(),
    ])
    .catch(() => undefined); // the store may be closing; the attempt still happened
  return delivery;
}

/** When a queued delivery may start: `task` is called once, and whatever it returns is awaited by flush(). */
export type Defer = (task: () => Promise<unknown>) => void;

export const nextTick: Defer = (task) => {
  setImmediate(task);
};

export type WebhookSender = {
  /** Throws INVALID_FIELD when the emulator may not send webhooks to `url` (see isWebhookHostAllowed). */
  requireAllowed(url: string): void;
  /** Delivers when `defer` says; never throws. */
  queue(delivery: { itemId: string; url: string; payload: WebhookPayload }): void;
  /** Resolves once every queued webhook has been delivered (or failed). */
  flush(): Promise<void>;
};

export function createWebhookSender({
  sql,
  defer,
  allowedHosts,
}: {
  sql: Sql;
  defer: Defer;
  /** The hosts webhooks may go to; undefined: any. */
  allowedHosts?: readonly string[];
}): WebhookSender {
  const pending = new Set<Promise<unknown>>();
  return {
    requireAllowed(url) {
      if (isWebhookHostAllowed(url, allowedHosts)) return;
      throw new EmulatorError("INVALID_FIELD", {
        message: `webhook must be a URL on a host this emulator may call (${allowedHosts?.join(", ") || "none"})`,
      });
    },
    queue(delivery) {
      let start!: () => void;
      const started = new Promise<void>((resolve) => {
        start = resolve;
      });
      const job = started
        .then(() => deliverWebhook(sql, { ...delivery, allowedHosts }))
        .finally(() => pending.delete(job));
      pending.add(job);
      defer(() => {
        start();
        return job;
      });
    },
    async flush() {
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },
  };
}
