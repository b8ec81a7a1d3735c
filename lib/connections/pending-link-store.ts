// The pending link: the row that says a Link exchange happened (lib/connections/pending-links.ts has
// the sweep over them), written before any other call, and its removal with the item at Plaid.
import "server-only";
import { db } from "@/lib/db";
import { log } from "@/lib/log";
import { isPlaidError } from "@/lib/plaid/client";
import { removeItem } from "@/lib/plaid/item";
import { sealAccessToken } from "@/lib/plaid/token-crypto";
/** Link's onSuccess metadata, as far as the server reads it. */
export type LinkSuccessMetadata = {
  institution: { institution_id: string; name: string } | null;
  /** The accounts the person chose to share, as Link describes them. */
  accounts?: { name: string; mask: string | null }[];
  link_session_id?: string;
};

/** What finishing a pending link needs: the row's id (the claim), whose it is, and the item. */
export type PendingLinkInput = {
  pendingLinkId: string;
  userId: string;
  accessToken: string;
  itemId: string;
  metadata: LinkSuccessMetadata;
};

/** The row that says an exchange happened; its id is the claim finishLink needs. */
export async function recordPendingLink({
  userId,
  itemId,
  accessToken,
  metadata,
}: {
  userId: string;
  itemId: string;
  accessToken: string;
  metadata: LinkSuccessMetadata;
}): Promise<string> {
  const sealed = sealAccessToken(accessToken);
  const row = await db.pendingLink.create({
    data: {
      userId,
      itemId,
      accessToken: sealed.ciphertext,
      accessTokenKeyId: sealed.keyId,
      metadata: {
        institution: metadata.institution,
        accounts: metadata.accounts ?? [],
        link_session_id: metadata.link_session_id ?? null,
      },
    },
    select: { id: true },
  });
  return row.id;
}

/** The pending link was no longer there to claim: the sweep finished or removed it first. */
export class PendingLinkGoneError extends Error {
  constructor() {
    super("the pending link was settled elsewhere");
    this.name = "PendingLinkGoneError";
  }
}

/**
 * Removes the item at Plaid, then forgets the pending link. When Plaid cannot be reached the row stays,
 * with the reason, for the sweep to try again. Never throws.
 */
export async function discardPendingLink({
  pendingLinkId,
  itemId,
  accessToken,
}: {
  pendingLinkId: string;
  itemId: string;
  accessToken: string;
}): Promise<boolean> {
  // Claimed first, by marking it abandoned: once marked, finishing it (storeConnection) refuses it, and
  // when it is already gone, someone finished the link meanwhile and the item must stay.
  const claimed = await db.$executeRaw`
    UPDATE pending_links SET metadata = metadata || '{"abandoned": true}'::jsonb WHERE id = ${pendingLinkId}::uuid`.catch(
    () => null,
  );
  if (claimed === 0) return false;
  try {
    await removeItem({ accessToken });
  } catch (removal) {
    logRemovalFailure(itemId, removal);
    // Left abandoned: the person was told the link failed, so the sweep removes it rather than finish it.
    await db.$executeRaw`
      UPDATE pending_links SET last_error = ${`remove: ${errorCode(removal)}`} WHERE id = ${pendingLinkId}::uuid`.catch(
      () => undefined,
    );
    return false;
  }
  await db.pendingLink.deleteMany({ where: { id: pendingLinkId } }).catch((error: Error) => {
    // The item is gone at Plaid; the row's next sweep finds it already gone and deletes it then.
    log.error({ itemId, errorName: error.name }, "plaid: removed the item but could not forget its pending link");
  });
  return true;
}

function errorCode(error: unknown): string {
  return isPlaidError(error) ? error.plaid.error_code : error instanceof Error ? error.name : "unknown";
}

export function logRemovalFailure(itemId: string, removal: unknown): void {
  log.error({ itemId, errorCode: errorCode(removal) }, "plaid: could not remove the item after a failed link");
}
