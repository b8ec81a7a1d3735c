// Moves every sealed secret (connections' and pending links' access tokens, authenticator app secrets)
// onto the current key: rows sealed with an older key are opened and
// re-sealed, rows without a key id (plaintext from before sealing) are sealed. Each update is a
// compare-and-set on the old value, so a token replaced meanwhile (a relink) is not overwritten; a row
// that cannot be opened is reported and left exactly as it is.
import "server-only";
import { db } from "@/lib/db";
import { isAppError } from "@/lib/errors";
import { openAccessToken, sealAccessToken } from "./token-crypto";
import { getTokenKeyring, type TokenKeyring } from "./token-keys";

/** `connectionId` is the row's id: a connection's, a pending link's, or (an authenticator secret) its user's. */
export type RotationFailure = {
  kind: "connection" | "pending link" | "authenticator of user";
  connectionId: string;
  keyId: string | null;
  reason: string;
};

export type RotationResult = {
  currentKeyId: string;
  /** Rows moved from an older key. */
  resealed: number;
  /** Rows that held a plaintext token (no key id) and are now sealed. */
  sealed: number;
  /** Rows changed by someone else between read and write; they already hold a newer value. */
  changedConcurrently: number;
  failed: RotationFailure[];
};

export async function rotateTokenKeys({
  keyring = getTokenKeyring(),
  batchSize = 100,
}: {
  keyring?: TokenKeyring;
  batchSize?: number;
} = {}): Promise<RotationResult> {
  const result: RotationResult = {
    currentKeyId: keyring.current,
    resealed: 0,
    sealed: 0,
    changedConcurrently: 0,
    failed: [],
  };
  let after: string | undefined;
  for (;;) {
    // Keyset pagination by id: rows that fail stay behind the cursor, so the loop always ends.
    const rows = await db.plaidConnection.findMany({
      where: {
        OR: [{ accessTokenKeyId: null }, { accessTokenKeyId: { not: keyring.current } }],
        ...(after ? { id: { gt: after } } : {}),
      },
      select: { id: true, accessToken: true, accessTokenKeyId: true },
      orderBy: { id: "asc" },
      take: batchSize,
    });
    for (const row of rows)
      await rotateRow(row, "connection", keyring, result, (where, data) =>
        db.plaidConnection.updateMany({ where, data }),
      );
    if (rows.length < batchSize) break;
    after = rows.at(-1)?.id;
  }
  // Link exchanges not yet finished (lib/connections/pending-links.ts): few, and short-lived.
  const pending = await db.pendingLink.findMany({
    where: { accessTokenKeyId: { not: keyring.current } },
    select: { id: true, accessToken: true, accessTokenKeyId: true },
  });
  for (const row of pending)
    await rotateRow(row, "pending link", keyring, result, (where, data) =>
      db.pendingLink.updateMany({ where: { ...where, accessTokenKeyId: where.accessTokenKeyId ?? "" }, data }),
    );
  // Authenticator app secrets (lib/auth/two-factor.ts), sealed the same way; the row's id is its user's.
  const secrets = await db.userTotp.findMany({
    where: { keyId: { not: keyring.current } },
    select: { userId: true, secret: true, keyId: true },
  });
  for (const row of secrets)
    await rotateRow(
      { id: row.userId, accessToken: row.secret, accessTokenKeyId: row.keyId },
      "authenticator of user",
      keyring,
      result,
      (where, data) =>
        db.userTotp.updateMany({
          where: { userId: where.id, secret: where.accessToken, keyId: where.accessTokenKeyId ?? "" },
          data: { secret: data.accessToken, keyId: data.accessTokenKeyId },
        }),
    );
  return result;
}

type SealedRow = { id: string; accessToken: string; accessTokenKeyId: string | null };

async function rotateRow(
  row: SealedRow,
  kind: RotationFailure["kind"],
  keyring: TokenKeyring,
  result: RotationResult,
  write: (
    where: { id: string; accessToken: string; accessTokenKeyId: string | null },
    data: { accessToken: string; accessTokenKeyId: string },
  ) => Promise<{ count: number }>,
): Promise<void> {
  let plaintext: string;
  try {
    plaintext =
      row.accessTokenKeyId === null
        ? row.accessToken
        : openAccessToken({ ciphertext: row.accessToken, keyId: row.accessTokenKeyId }, keyring);
  } catch (error) {
    if (!isAppError(error, "token:undecryptable")) throw error;
    result.failed.push({ kind, connectionId: row.id, keyId: row.accessTokenKeyId, reason: error.message });
    return;
  }
  const { ciphertext, keyId } = sealAccessToken(plaintext, keyring);
  const { count } = await write(
    { id: row.id, accessToken: row.accessToken, accessTokenKeyId: row.accessTokenKeyId },
    { accessToken: ciphertext, accessTokenKeyId: keyId },
  );
  if (count === 0) result.changedConcurrently += 1;
  else if (row.accessTokenKeyId === null) result.sealed += 1;
  else result.resealed += 1;
}
