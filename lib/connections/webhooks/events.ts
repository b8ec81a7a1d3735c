// The plaid_webhook_events ledger, keyed by the SHA-256 of each webhook's exact bytes. The same bytes
// under the same signature time (iat) are the same delivery arriving twice: answered, not redone.
// The same bytes with a new iat are Plaid sending that webhook again (a retry, or a genuine repeat:
// SYNC_UPDATES_AVAILABLE carries no timestamp, so each one for an item is byte-identical), and are
// handled again on the same row; handlers are idempotent, so a retry costs nothing.
import "server-only";
import { db, type Prisma } from "@/lib/db";

export type WebhookPayload = {
  webhook_type: string;
  webhook_code: string;
  item_id?: string | null;
  [field: string]: unknown;
};

export type WebhookEventStatus = "processed" | "ignored" | "failed";

// A "received" row this old belongs to a delivery that died mid-way (a crash, a timeout); its
// redelivery may run it again. Fresh ones are still being handled by someone else.
const ABANDONED_AFTER_MS = 5 * 60_000;

type Client = Pick<Prisma.TransactionClient, "plaidWebhookEvent">;

/**
 * Records the event and returns its id, or null when this delivery was already recorded and is done
 * (or in hand). A failed or abandoned attempt, or an earlier copy signed at another time, is claimed
 * again, so Plaid's retry after our 500 does the work.
 */
export async function claimWebhookEvent({
  payload,
  bodySha256,
  issuedAt,
  connectionId,
  now,
}: {
  payload: WebhookPayload;
  bodySha256: string;
  issuedAt: Date;
  connectionId: string | null;
  now: Date;
}): Promise<string | null> {
  try {
    const created = await db.plaidWebhookEvent.create({
      data: {
        bodySha256,
        webhookType: payload.webhook_type,
        webhookCode: payload.webhook_code,
        itemId: payload.item_id ?? null,
        plaidConnectionId: connectionId,
        payload: payload as Prisma.InputJsonObject,
        issuedAt,
        receivedAt: now,
        status: "received",
      },
      select: { id: true },
    });
    return created.id;
  } catch (error) {
    if ((error as { code?: string }).code !== "P2002") throw error;
  }
  // The conditional update is the claim: of two deliveries racing here, one matches the row and the
  // other, seeing it "received" and fresh, backs off.
  const { count } = await db.plaidWebhookEvent.updateMany({
    where: {
      bodySha256,
      OR: [
        { status: "failed" },
        { status: "received", receivedAt: { lt: new Date(now.getTime() - ABANDONED_AFTER_MS) } },
        { status: { in: ["processed", "ignored"] }, issuedAt: { not: issuedAt } },
      ],
    },
    data: {
      status: "received",
      error: null,
      processedAt: null,
      receivedAt: now,
      issuedAt,
      plaidConnectionId: connectionId,
    },
  });
  if (count === 0) return null;
  const claimed = await db.plaidWebhookEvent.findUnique({ where: { bodySha256 }, select: { id: true } });
  return claimed?.id ?? null;
}

/**
 * Marks the event done. Only an event not yet finished is touched, so a handler that finished it
 * inside its own transaction keeps its answer.
 */
export async function finishWebhookEvent(
  client: Client,
  { id, status, error = null, now }: { id: string; status: WebhookEventStatus; error?: string | null; now: Date },
): Promise<void> {
  await client.plaidWebhookEvent.updateMany({
    where: { id, processedAt: null },
    data: { status, error: error?.slice(0, 500) ?? null, processedAt: now },
  });
}
