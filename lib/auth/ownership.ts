// "Is this yours?": the one place the per-user access rule is written. A connection, account,
// notification or push subscription belongs to a person when its user_id is theirs; a malformed id, an
// unknown id and another person's id all read the same "not found", so nothing reveals that someone
// else's exists. Pages, actions, route handlers and the use cases under them load a person's objects
// through here. It sits under the capabilities (the database and AppError only), so they can use it.
import "server-only";
import { db, type Prisma } from "@/lib/db";
import { isUuid } from "@/lib/db/vocabulary";
import { AppError } from "@/lib/errors";

/** A database client: the app's, or a transaction's when the check must hold inside one. */
type Client = Pick<Prisma.TransactionClient, "plaidConnection" | "bankAccount" | "notification" | "pushSubscription">;

type Lookup = { userId: string; client?: Client };

/** The id as the database stores it, or null when it cannot be one (so the query is never sent). */
function ownedId(id: string): string | null {
  return isUuid(id) ? id.toLowerCase() : null;
}

const CONNECTION_FIELDS = {
  id: true,
  userId: true,
  itemId: true,
  institutionId: true,
  institutionName: true,
  isActive: true,
  pausedAt: true,
  requiresReauth: true,
  lastError: true,
} as const satisfies Prisma.PlaidConnectionSelect;

export type OwnedConnection = Prisma.PlaidConnectionGetPayload<{ select: typeof CONNECTION_FIELDS }>;

export async function findOwnedConnection({
  userId,
  connectionId,
  client = db,
}: Lookup & { connectionId: string }): Promise<OwnedConnection | null> {
  const id = ownedId(connectionId);
  if (!id) return null;
  return client.plaidConnection.findFirst({ where: { id, userId }, select: CONNECTION_FIELDS });
}

/** As findOwnedConnection, but "not found" is an AppError (connection:not_found, 404). */
export async function getOwnedConnection(lookup: Lookup & { connectionId: string }): Promise<OwnedConnection> {
  const connection = await findOwnedConnection(lookup);
  if (!connection) throw new AppError("connection:not_found", "This connection could not be found.");
  return connection;
}

const ACCOUNT_FIELDS = {
  id: true,
  userId: true,
  plaidConnectionId: true,
  name: true,
  mask: true,
  type: true,
  isoCurrencyCode: true,
} as const satisfies Prisma.BankAccountSelect;

export type OwnedAccount = Prisma.BankAccountGetPayload<{ select: typeof ACCOUNT_FIELDS }>;

export async function findOwnedAccount({
  userId,
  accountId,
  client = db,
}: Lookup & { accountId: string }): Promise<OwnedAccount | null> {
  const id = ownedId(accountId);
  if (!id) return null;
  return client.bankAccount.findFirst({ where: { id, userId }, select: ACCOUNT_FIELDS });
}

/** As findOwnedAccount, but "not found" is an AppError (account:not_found, 404). */
export async function getOwnedAccount(lookup: Lookup & { accountId: string }): Promise<OwnedAccount> {
  const account = await findOwnedAccount(lookup);
  if (!account) throw new AppError("account:not_found", "This account does not exist.");
  return account;
}

const NOTIFICATION_FIELDS = { id: true, userId: true, readAt: true } as const satisfies Prisma.NotificationSelect;

export type OwnedNotification = Prisma.NotificationGetPayload<{ select: typeof NOTIFICATION_FIELDS }>;

/** One of the person's in-app notifications (those sent only by email, push or SMS are not in the app). */
export async function getOwnedNotification({
  userId,
  notificationId,
  client = db,
}: Lookup & { notificationId: string }): Promise<OwnedNotification> {
  const id = ownedId(notificationId);
  const notification = id
    ? await client.notification.findFirst({ where: { id, userId, inApp: true }, select: NOTIFICATION_FIELDS })
    : null;
  if (!notification) throw new AppError("notification:not_found", "That notification was not found.");
  return notification;
}

export type OwnedPushSubscription = { id: string; userId: string };

export async function findOwnedPushSubscription({
  userId,
  subscriptionId,
  client = db,
}: Lookup & { subscriptionId: string }): Promise<OwnedPushSubscription | null> {
  const id = ownedId(subscriptionId);
  if (!id) return null;
  return client.pushSubscription.findFirst({ where: { id, userId }, select: { id: true, userId: true } });
}
