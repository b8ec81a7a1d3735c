// What each verified webhook does, dispatched by webhook_type then webhook_code (as plaid/pattern's
// webhookHandlers). Handlers answer fast: they change flags or queue a sync, and never call Plaid.
import "server-only";
import { accessRevokedBy } from "@/lib/accounts";
import { db, type Prisma } from "@/lib/db";
import { lockConnection } from "@/lib/db/locks";
import { log } from "@/lib/log";
import { notifyConnectionAlerts } from "@/lib/notifications";
import { requestAndEnqueueSync } from "@/lib/sync";
import { claimWebhookEvent, finishWebhookEvent, type WebhookPayload } from "./events";

type Connection = {
  id: string;
  itemId: string;
  isActive: boolean;
  syncFrequency: string;
  requiresReauth: boolean;
  lastError: string | null;
};

// Plaid: PENDING_DISCONNECT comes "7 days before the existing Item is scheduled for disconnection".
const DISCONNECT_NOTICE_MS = 7 * 24 * 60 * 60 * 1000;

export type WebhookContext = {
  eventId: string;
  payload: WebhookPayload;
  /** The JWT's iat: when Plaid issued this webhook, which orders item-status changes. */
  issuedAt: Date;
  connection: Connection;
  now: Date;
};

export type WebhookOutcome = { status: "processed" | "ignored"; error?: string };

export type WebhookHandler = (context: WebhookContext) => Promise<WebhookOutcome>;

const ignored = (error: string): WebhookOutcome => ({ status: "ignored", error });

// Plaid's retries and redeliveries can arrive out of order; of these, only the latest issued counts.
const ITEM_STATUS_CODES = [
  "ERROR",
  "PENDING_DISCONNECT",
  "PENDING_EXPIRATION",
  "LOGIN_REPAIRED",
  "USER_PERMISSION_REVOKED",
  "USER_ACCOUNT_REVOKED",
];

const queueSync: WebhookHandler = async ({ connection, payload, now }) => {
  // A manual connection syncs when its person asks; the webhook is recorded, not acted on.
  if (connection.syncFrequency === "manual") return ignored("manual_sync_frequency");
  // Revoked access: nothing syncs until the person reconnects (Plaid may still say data is ready).
  if (accessRevokedBy(connection)) return ignored("access_revoked");
  const result = await requestAndEnqueueSync({
    connectionId: connection.id,
    syncType: "incremental",
    trigger: "webhook",
    details: { webhook_code: payload.webhook_code },
    now,
  });
  return result === "queued" || result === "already_queued" ? { status: "processed" } : ignored(result);
};

type LockedConnection = Prisma.PlaidConnectionGetPayload<{
  select: { id: true; lastError: true; metadata: true; syncFrequency: true; consentExpiresAt: true };
}>;

/**
 * Applies a change to the connection under its row lock, so concurrent deliveries for one item take
 * turns; with `ordered`, only when no item-status event issued later has already been applied.
 */
function changeConnection(
  change: (connection: LockedConnection, context: WebhookContext) => Prisma.PlaidConnectionUpdateInput,
  { ordered }: { ordered: boolean },
): WebhookHandler {
  return (context) =>
    db.$transaction(async (tx) => {
      const { connection, eventId, issuedAt, now } = context;
      await lockConnection(tx, connection.id);
      const current = await tx.plaidConnection.findUnique({
        where: { id: connection.id },
        select: { id: true, lastError: true, metadata: true, syncFrequency: true, consentExpiresAt: true },
      });
      if (!current) return ignored("unknown_item");
      if (ordered) {
        const latest = await tx.plaidWebhookEvent.findFirst({
          where: {
            itemId: connection.itemId,
            webhookType: "ITEM",
            webhookCode: { in: ITEM_STATUS_CODES },
            status: "processed",
            id: { not: eventId },
          },
          orderBy: { issuedAt: "desc" },
          select: { issuedAt: true },
        });
        // iat has one-second resolution: events issued in the same second apply in arrival order.
        if (latest && latest.issuedAt > issuedAt) {
          await finishWebhookEvent(tx, { id: eventId, status: "ignored", error: "superseded", now });
          return ignored("superseded");
        }
      }
      await tx.plaidConnection.update({ where: { id: connection.id }, data: change(current, context) });
      // Finished inside the lock, so the next delivery for this item sees it when it orders itself.
      await finishWebhookEvent(tx, { id: eventId, status: "processed", now });
      return { status: "processed" } satisfies WebhookOutcome;
    });
}

function withMetadata(connection: LockedConnection, patch: Record<string, Prisma.InputJsonValue | undefined>) {
  const metadata = { ...(connection.metadata as Prisma.JsonObject), ...patch };
  for (const [name, value] of Object.entries(patch)) if (value === undefined) delete metadata[name];
  return metadata as Prisma.InputJsonObject;
}

function errorCodeOf(payload: WebhookPayload): string | undefined {
  const error = payload.error as { error_code?: unknown } | null | undefined;
  return typeof error?.error_code === "string" ? error.error_code : undefined;
}

const itemError = changeConnection(
  (_connection, { payload, now }) => {
    const code = errorCodeOf(payload) ?? "ITEM_ERROR";
    if (code !== "ITEM_LOGIN_REQUIRED") return { lastError: code, lastErrorAt: now };
    // Nothing can sync until the person signs in again, so nothing is scheduled.
    return { requiresReauth: true, lastError: code, lastErrorAt: now, nextSyncAt: null };
  },
  { ordered: true },
);

function dateOf(value: unknown): Date | null {
  const time = typeof value === "string" ? Date.parse(value) : Number.NaN;
  return Number.isNaN(time) ? null : new Date(time);
}

/**
 * PENDING_EXPIRATION and PENDING_DISCONNECT: the item still works, so the connection keeps syncing on
 * its schedule; what changes is when its access ends (the banner and the connection-expiring alert
 * read it). PENDING_DISCONNECT's date is its disconnect_time, or, when a payload has none, 7 days after
 * the webhook was issued, as Plaid documents.
 */
const accessEnding = changeConnection(
  (_connection, { payload, issuedAt }) => {
    if (payload.webhook_code === "PENDING_EXPIRATION") {
      const expires = dateOf(payload.consent_expiration_time);
      return expires ? { consentExpiresAt: expires, accessEndsAt: expires } : {};
    }
    return { accessEndsAt: dateOf(payload.disconnect_time) ?? new Date(issuedAt.getTime() + DISCONNECT_NOTICE_MS) };
  },
  { ordered: true },
);

// The person withdrew access: no sync is scheduled until they reconnect; accounts and history stay.
const accessRevoked = changeConnection(
  (_connection, { payload, now }) => ({
    requiresReauth: true,
    lastError: payload.webhook_code,
    lastErrorAt: now,
    nextSyncAt: null,
  }),
  { ordered: true },
);

const loginRepaired = changeConnection(
  (connection, { now }) => ({
    requiresReauth: false,
    ...(connection.lastError === "ITEM_LOGIN_REQUIRED" ? { lastError: null } : {}),
    // Scheduling stopped at ITEM_LOGIN_REQUIRED; a repaired item is due again.
    ...(connection.syncFrequency === "manual" ? {} : { nextSyncAt: now }),
    // A pending disconnect is over; a consent that has already expired is no longer the item's.
    accessEndsAt: null,
    ...(connection.consentExpiresAt && connection.consentExpiresAt <= now ? { consentExpiresAt: null } : {}),
    metadata: withMetadata(connection, { reauth: undefined }),
  }),
  { ordered: true },
);

// Not a status change: setting the flag twice, or late, is harmless.
const newAccountsAvailable = changeConnection(
  (connection) => ({ metadata: withMetadata(connection, { new_accounts_available: true }) }),
  { ordered: false },
);

export const webhookHandlers: Record<string, Record<string, WebhookHandler>> = {
  TRANSACTIONS: {
    SYNC_UPDATES_AVAILABLE: queueSync,
    // Legacy (pre-/transactions/sync) codes still mean "there is something new to fetch".
    DEFAULT_UPDATE: queueSync,
    INITIAL_UPDATE: queueSync,
    HISTORICAL_UPDATE: queueSync,
    TRANSACTIONS_REMOVED: queueSync,
  },
  // New or changed figures on a card or loan: a sync reads them (/liabilities/get) at its end.
  LIABILITIES: { DEFAULT_UPDATE: queueSync },
  ITEM: {
    ERROR: itemError,
    PENDING_DISCONNECT: accessEnding,
    PENDING_EXPIRATION: accessEnding,
    LOGIN_REPAIRED: loginRepaired,
    USER_PERMISSION_REVOKED: accessRevoked,
    USER_ACCOUNT_REVOKED: accessRevoked,
    NEW_ACCOUNTS_AVAILABLE: newAccountsAvailable,
  },
};

/** The handler for a type and code; own properties only, so "constructor" or "__proto__" find nothing. */
export function findWebhookHandler(type: string, code: string): WebhookHandler | undefined {
  const byCode = Object.hasOwn(webhookHandlers, type) ? webhookHandlers[type] : undefined;
  return byCode && Object.hasOwn(byCode, code) ? byCode[code] : undefined;
}

export type WebhookResult = "processed" | "ignored" | "duplicate" | "failed";

/** Records a verified webhook and runs its handler; "failed" asks Plaid to deliver it again. */
export async function handleWebhookEvent({
  payload,
  bodySha256,
  issuedAt,
  now = new Date(),
}: {
  payload: WebhookPayload;
  bodySha256: string;
  issuedAt: Date;
  now?: Date;
}): Promise<WebhookResult> {
  const connection = payload.item_id
    ? await db.plaidConnection.findUnique({
        where: { itemId: payload.item_id },
        select: { id: true, itemId: true, isActive: true, syncFrequency: true, requiresReauth: true, lastError: true },
      })
    : null;
  const eventId = await claimWebhookEvent({ payload, bodySha256, issuedAt, connectionId: connection?.id ?? null, now });
  if (!eventId) return "duplicate";

  const handler = findWebhookHandler(payload.webhook_type, payload.webhook_code);
  let outcome: WebhookOutcome;
  try {
    if (!connection) outcome = ignored("unknown_item");
    else if (!connection.isActive) outcome = ignored("inactive");
    else if (!handler) outcome = ignored("unhandled");
    else outcome = await handler({ eventId, payload, issuedAt, connection, now });
  } catch (error) {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : "handler failed";
    log.error(
      {
        webhookType: payload.webhook_type,
        webhookCode: payload.webhook_code,
        eventId,
        errorName: (error as Error)?.name,
      },
      "plaid webhook handler failed",
    );
    await finishWebhookEvent(db, { id: eventId, status: "failed", error: message, now });
    return "failed";
  }
  await finishWebhookEvent(db, { id: eventId, status: outcome.status, error: outcome.error, now });
  if (outcome.status === "processed" && payload.webhook_type === "ITEM" && connection) {
    // "Reconnect your bank" goes out as soon as Plaid says so.
    await notifyConnectionAlerts({ connectionId: connection.id, accounts: false, context: "plaid webhook" });
  }
  return outcome.status;
}
