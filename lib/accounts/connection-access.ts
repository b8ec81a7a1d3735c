// How long a connection's access to its bank lasts, as the account list, the connection-expiring alert
// and the sync policy read it: when access ends (a pending disconnect's date, else the consent's
// expiry), whether that is near enough to warn about, and whether the person revoked access. Pure.

/** Warn this long before access ends: Plaid's PENDING_EXPIRATION and PENDING_DISCONNECT come 7 days ahead. */
export const ACCESS_WARNING_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * Error codes that mean the person withdrew Mingus's access (Plaid's webhooks, or a call's error):
 * nothing syncs until they reconnect (update mode) or remove the connection.
 */
export const ACCESS_REVOKED_CODES: ReadonlySet<string> = new Set([
  "USER_PERMISSION_REVOKED",
  "USER_ACCOUNT_REVOKED",
  "ACCESS_NOT_GRANTED",
]);

type AccessFields = { accessEndsAt: Date | null; consentExpiresAt: Date | null };

/** When access ends, or null when nothing is due to end. */
export function accessEndsAt({ accessEndsAt, consentExpiresAt }: AccessFields): Date | null {
  return accessEndsAt ?? consentExpiresAt;
}

/** The date access ends when it is within the warning window (or already past), else null. */
export function accessEndingSoon(connection: AccessFields, now: Date): Date | null {
  const ends = accessEndsAt(connection);
  return ends && ends.getTime() - now.getTime() <= ACCESS_WARNING_MS ? ends : null;
}

/** The revocation a connection is stopped by (its last_error), or null when it is not revoked. */
export function accessRevokedBy({
  requiresReauth,
  lastError,
}: {
  requiresReauth: boolean;
  lastError: string | null;
}): string | null {
  return requiresReauth && lastError !== null && ACCESS_REVOKED_CODES.has(lastError) ? lastError : null;
}
