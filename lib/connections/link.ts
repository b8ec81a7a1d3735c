// Linking a bank: the link token Link opens with (new item, or update mode for an existing one), and the
// exchange that turns Link's public token into a connection with its accounts, first balances and a
// queued first sync. The access token is sealed before it reaches the database and never leaves here.
import "server-only";
import { randomUUID } from "node:crypto";
import { Products } from "plaid";
import { toLinkedAccountRows } from "@/lib/accounts";
import { getOwnedConnection } from "@/lib/auth/ownership";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { getDisplaySettings } from "@/lib/format";
import { enqueueHealthCheck } from "@/lib/jobs/enqueue";
import { log } from "@/lib/log";
import { callPlaid, isPlaidError } from "@/lib/plaid/client";
import { getPlaidConfig } from "@/lib/plaid/config";
import { getConnectionAccessToken } from "@/lib/plaid/connection-token";
import { getInstitutionDetails, removeItem } from "@/lib/plaid/item";
import { sealAccessToken } from "@/lib/plaid/token-crypto";
import { getEffectivePreferences } from "@/lib/preferences";
import { requestAndEnqueueSync } from "@/lib/sync";
import { linkLanguageFor } from "./link-language";
import {
  discardPendingLink,
  type LinkSuccessMetadata,
  logRemovalFailure,
  PendingLinkGoneError,
  type PendingLinkInput,
  recordPendingLink,
} from "./pending-link-store";

export type { LinkSuccessMetadata } from "./pending-link-store";

/** What of a new connection may go back to the browser: an allowlist, never the row. */
export type LinkedConnection = { connectionId: string; institutionName: string; accountCount: number };

type AccountKey = { name: string; mask: string | null };

/**
 * A second item for accounts the person already linked: the UI offers update mode on `connectionId`.
 * Plaid's rule: a duplicate is the same institution with at least one account of the same name and mask.
 */
export class DuplicateConnectionError extends AppError {
  constructor(
    readonly connectionId: string,
    readonly institutionName: string,
    account: AccountKey,
  ) {
    const described = account.mask ? `${account.name} •••• ${account.mask}` : account.name;
    super(
      "plaid:duplicate_connection",
      `${described} at ${institutionName} is already linked. Reconnect the existing connection instead of linking it a second time.`,
    );
  }
}

/** The person's active connection at this institution that already holds one of these accounts. */
async function findDuplicate(
  client: Pick<typeof db, "bankAccount">,
  { userId, institutionId, accounts }: { userId: string; institutionId: string; accounts: AccountKey[] },
): Promise<DuplicateConnectionError | null> {
  if (accounts.length === 0) return null;
  const match = await client.bankAccount.findFirst({
    where: {
      userId,
      status: { not: "closed" },
      plaidConnection: { institutionId, isActive: true },
      OR: accounts.map((account) => ({ name: account.name, mask: account.mask })),
    },
    orderBy: [{ createdAt: "asc" }, { name: "asc" }],
    select: { name: true, mask: true, plaidConnectionId: true, plaidConnection: { select: { institutionName: true } } },
  });
  // The plaidConnection filter above only matches linked accounts, so both are set.
  return match?.plaidConnectionId && match.plaidConnection
    ? new DuplicateConnectionError(match.plaidConnectionId, match.plaidConnection.institutionName, match)
    : null;
}

export async function createLinkToken({
  userId,
  connectionId,
  accountSelection = false,
}: {
  userId: string;
  connectionId?: string;
  /** Update mode that lets the person add accounts opened since linking, or stop sharing some. */
  accountSelection?: boolean;
}): Promise<{ linkToken: string; expiration: string; mode: "create" | "update" }> {
  const { webhookUrl, redirectUri, countryCodes } = getPlaidConfig();
  const { locale } = await getDisplaySettings({ userId });
  // Both modes carry redirect_uri: an OAuth bank may be the one being repaired.
  const common = {
    client_name: "Mingus",
    user: { client_user_id: userId },
    country_codes: countryCodes,
    language: linkLanguageFor(locale),
    webhook: webhookUrl,
    // Cards' and loans' figures where the bank offers them; Link never hides a bank for lacking them.
    optional_products: [Products.Liabilities],
    redirect_uri: redirectUri,
  };
  if (connectionId) {
    await getOwnedConnection({ userId, connectionId });
    const accessToken = await getConnectionAccessToken({ connectionId });
    // Update mode: the access token names the item to repair; products are the item's own.
    const response = await callPlaid({ endpoint: "/link/token/create", connectionId }, (api) =>
      api.linkTokenCreate({
        ...common,
        access_token: accessToken,
        ...(accountSelection ? { update: { account_selection_enabled: true } } : {}),
      }),
    );
    return { linkToken: response.link_token, expiration: response.expiration, mode: "update" };
  }
  const response = await callPlaid({ endpoint: "/link/token/create" }, (api) =>
    // Plaid fetches 90 days unless asked; the dashboard shows two years.
    api.linkTokenCreate({ ...common, products: [Products.Transactions], transactions: { days_requested: 730 } }),
  );
  return { linkToken: response.link_token, expiration: response.expiration, mode: "create" };
}

export async function exchangePublicToken({
  userId,
  publicToken,
  metadata,
}: {
  userId: string;
  publicToken: string;
  metadata: LinkSuccessMetadata;
}): Promise<LinkedConnection> {
  // Refused before the exchange, so no second item (and no second bill at Plaid) is ever created. A
  // second login at the same bank with other accounts (a partner's, a business login) links normally.
  if (metadata.institution) {
    const duplicate = await findDuplicate(db, {
      userId,
      institutionId: metadata.institution.institution_id,
      accounts: metadata.accounts ?? [],
    });
    if (duplicate) throw duplicate;
  }

  const exchanged = await exchange(publicToken);
  const accessToken = exchanged.access_token;
  // Written down before any other call: from here a crash leaves this row, which the minute sweep
  // finishes or removes at Plaid (pending-links.ts), never an item nobody knows about.
  let pendingLinkId: string;
  try {
    pendingLinkId = await recordPendingLink({ userId, itemId: exchanged.item_id, accessToken, metadata });
  } catch (error) {
    await removeItem({ accessToken }).catch((removal) => logRemovalFailure(exchanged.item_id, removal));
    log.error({ errorName: error instanceof Error ? error.name : "unknown" }, "plaid: recording a new link failed");
    throw new AppError("plaid:error", "Linking your bank failed and nothing was saved. Try again.");
  }
  try {
    return await finishLink({ pendingLinkId, userId, accessToken, itemId: exchanged.item_id, metadata });
  } catch (error) {
    if (error instanceof PendingLinkGoneError) {
      // The sweep finished (or removed) this link meanwhile: its connection, if it made one, is the answer.
      const connection = await findLinkedConnection({ userId, itemId: exchanged.item_id });
      if (connection) return connection;
    } else {
      // Nothing of this item stays at Plaid when Mingus could not keep it.
      await discardPendingLink({ pendingLinkId, itemId: exchanged.item_id, accessToken });
    }
    if (error instanceof AppError) throw error;
    // The error's name only: a database error's message can quote the row, sealed token included.
    log.error({ errorName: error instanceof Error ? error.name : "unknown" }, "plaid: storing a new connection failed");
    throw new AppError("plaid:error", "Linking your bank failed and nothing was saved. Try again.");
  }
}

/**
 * Turns a pending link into a connection (accounts, first balances, institution), then asks for the
 * first sync and health check. The connection is created in the transaction that deletes the pending
 * row, so exactly one of the two exists at any moment; a row already gone throws PendingLinkGoneError.
 */
export async function finishLink(input: PendingLinkInput): Promise<LinkedConnection> {
  const linked = await storeConnection(input);
  // The connection is committed: from here nothing may undo the link (a caller that caught an error would
  // remove the item at Plaid under a live connection). A new connection is due at once, so a first sync
  // or health check that cannot be asked for now is asked for by the minute sweep.
  try {
    await requestAndEnqueueSync({ connectionId: linked.connectionId, syncType: "initial", trigger: "link" });
    // Never checked, so due: the job only makes the first check come at once rather than at the sweep.
    await enqueueHealthCheck({ connectionId: linked.connectionId });
  } catch (error) {
    log.error(
      { connectionId: linked.connectionId, err: error },
      "link: the first sync could not be asked for now; the sweep asks for it",
    );
  }
  return linked;
}

async function findLinkedConnection({
  userId,
  itemId,
}: {
  userId: string;
  itemId: string;
}): Promise<LinkedConnection | null> {
  const connection = await db.plaidConnection.findFirst({
    where: { userId, itemId, isActive: true },
    select: { id: true, institutionName: true, _count: { select: { bankAccounts: true } } },
  });
  return connection
    ? toLinkedConnection({
        connectionId: connection.id,
        institutionName: connection.institutionName,
        accountCount: connection._count.bankAccounts,
      })
    : null;
}

async function exchange(publicToken: string) {
  try {
    return await callPlaid({ endpoint: "/item/public_token/exchange" }, (api) =>
      api.itemPublicTokenExchange({ public_token: publicToken }),
    );
  } catch (error) {
    if (isPlaidError(error, "INVALID_PUBLIC_TOKEN")) {
      throw new AppError("plaid:invalid_public_token", "This bank sign-in has expired. Open Link and try again.");
    }
    throw error;
  }
}

async function storeConnection({
  pendingLinkId,
  userId,
  accessToken,
  itemId,
  metadata,
}: PendingLinkInput): Promise<LinkedConnection> {
  const { accounts, item } = await callPlaid({ endpoint: "/accounts/get" }, (api) =>
    api.accountsGet({ access_token: accessToken }),
  );
  const institutionId = item.institution_id ?? metadata.institution?.institution_id;
  if (!institutionId) throw new AppError("plaid:error", "Plaid did not say which bank this is. Try linking again.");
  const institution = await getInstitutionDetails({ institutionId, fallbackName: metadata.institution?.name ?? null });
  const sealed = sealAccessToken(accessToken);
  const { values: preferences } = await getEffectivePreferences({ userId });
  const connectionId = randomUUID();
  const now = new Date();
  const rows = toLinkedAccountRows({ accounts, userId, connectionId, asOf: now });

  await db.$transaction(async (tx) => {
    // Serializes links of one bank by one user: two tabs finishing Link at once make one connection.
    // Checked again with Plaid's own account list, which Link's metadata may not have carried.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`link:${userId}:${institutionId}`}))`;
    // The claim, before the duplicate check: whoever deletes the pending row makes the connection (the
    // request or the sweep), and the other learns that rather than taking its item for a duplicate.
    // An abandoned row (its request already told the person the link failed) is the remover's, not ours.
    const claimed = await tx.$executeRaw`
      DELETE FROM pending_links
      WHERE id = ${pendingLinkId}::uuid AND item_id = ${itemId} AND NOT (metadata @> '{"abandoned": true}'::jsonb)`;
    if (claimed !== 1) throw new PendingLinkGoneError();
    const duplicate = await findDuplicate(tx, { userId, institutionId, accounts });
    if (duplicate) throw duplicate;
    await tx.plaidConnection.create({
      data: {
        id: connectionId,
        userId,
        accessToken: sealed.ciphertext,
        accessTokenKeyId: sealed.keyId,
        itemId,
        institutionId,
        institutionName: institution.name,
        institutionLogo: institution.logo,
        institutionPrimaryColor: institution.primaryColor,
        institutionUrl: institution.url,
        syncFrequency: preferences.syncFrequency,
        nextSyncAt: now,
        // The link token carried it, so the item has it (item health and plaid:webhooks keep it current).
        webhookUrl: getPlaidConfig().webhookUrl,
        metadata: { link_session_id: metadata.link_session_id ?? null },
      },
    });
    await tx.bankAccount.createMany({ data: rows.accounts });
    await tx.accountBalance.createMany({ data: rows.balances });
  });
  return toLinkedConnection({ connectionId, institutionName: institution.name, accountCount: rows.accounts.length });
}

/** The allowlist of what the browser learns about a new connection. */
export function toLinkedConnection(connection: LinkedConnection): LinkedConnection {
  return {
    connectionId: connection.connectionId,
    institutionName: connection.institutionName,
    accountCount: connection.accountCount,
  };
}
