// sync_on_login: signing in asks for a fresh sync of the person's connections whose accounts want one
// (banking_preferences.sync_on_login, resolved account row → global row → default).
import "server-only";
import { db } from "@/lib/db";
import { isUuid } from "@/lib/db/vocabulary";
import { log } from "@/lib/log";
import { resolvePreferences } from "@/lib/preferences";
import { requestAndEnqueueSync } from "./request-sync";

/** A connection synced this recently is fresh enough; signing in again does not ask Plaid again. */
export const LOGIN_SYNC_FRESH_MS = 15 * 60_000;

/**
 * Requests a sync (trigger "login") of each of the user's connections that is active, not paused, not
 * waiting for re-authentication, not manual (those sync only when asked), not a demo, not already
 * syncing or fresh, and where any of its accounts resolves sync_on_login to true (the user's global
 * preference when it has none). Returns the connections requested.
 */
export async function requestLoginSyncs({
  userId,
  now = new Date(),
}: {
  userId: string;
  now?: Date;
}): Promise<string[]> {
  const [connections, preferences] = await Promise.all([
    db.plaidConnection.findMany({
      where: {
        userId,
        isActive: true,
        pausedAt: null,
        requiresReauth: false,
        syncFrequency: { not: "manual" },
        OR: [{ lastSyncAt: null }, { lastSyncAt: { lt: new Date(now.getTime() - LOGIN_SYNC_FRESH_MS) } }],
        transactionSyncs: { none: { status: { in: ["pending", "in_progress"] } } },
      },
      select: { id: true, metadata: true, transactionsCursor: true, bankAccounts: { select: { id: true } } },
    }),
    db.bankingPreferences.findMany({ where: { userId } }),
  ]);
  const global = preferences.find((row) => row.bankAccountId === null) ?? null;
  const wants = (bankAccountId: string | null) =>
    resolvePreferences({
      account: (bankAccountId && preferences.find((row) => row.bankAccountId === bankAccountId)) || null,
      global,
    }).values.syncOnLogin;

  const requested: string[] = [];
  for (const connection of connections) {
    // Demo connections hold no real item: a sync could only fail.
    if ((connection.metadata as { demo?: unknown } | null)?.demo === true) continue;
    const accountIds = connection.bankAccounts.map((account) => account.id);
    if (!(accountIds.length === 0 ? wants(null) : accountIds.some(wants))) continue;
    const result = await requestAndEnqueueSync({
      connectionId: connection.id,
      syncType: connection.transactionsCursor === null ? "initial" : "incremental",
      trigger: "login",
      now,
    });
    if (result === "queued") requested.push(connection.id);
  }
  return requested;
}

/**
 * next-auth's signIn event. The session's user is Mingus's own for email and password; for OAuth it
 * is the provider's profile, so the user is found by email. Never fails a sign-in.
 */
export async function syncOnSignIn({ userId, email }: { userId?: string; email?: string | null }): Promise<void> {
  try {
    if (userId !== undefined && !isUuid(userId)) return;
    const id =
      userId ??
      (email ? (await db.user.findUnique({ where: { email: email.toLowerCase() }, select: { id: true } }))?.id : null);
    if (id) await requestLoginSyncs({ userId: id });
  } catch (error) {
    log.error({ errorName: (error as Error).name }, "sync on sign-in failed");
  }
}
