// Link tokens (4 hours, reusable as in Plaid's sandbox) and public tokens (30 minutes, single use,
// stored only as their SHA-256).
import { EmulatorError } from "./errors.ts";
import { createToken, hasTokenFormat, sha256Hex } from "./ids.ts";
import { json, type Sql } from "./store/store.ts";

const LINK_TOKEN_TTL_MS = 4 * 60 * 60 * 1000;
const PUBLIC_TOKEN_TTL_MS = 30 * 60 * 1000;

/** The /link/token/create call as recorded (never the keys or an access token), plus what Link made. */
export type LinkTokenRequest = Record<string, unknown> & {
  products?: string[] | null;
  optional_products?: string[] | null;
  linked_item_ids?: string[];
};

export type LinkTokenRecord = {
  linkToken: string;
  clientId: string;
  clientUserId: string;
  itemId: string | null;
  webhook: string | null;
  request: LinkTokenRequest;
  expiresAt: Date;
};

export async function createLinkToken(
  sql: Sql,
  {
    clientId,
    clientUserId,
    itemId,
    webhook,
    request,
    now,
  }: {
    clientId: string;
    clientUserId: string;
    itemId: string | null;
    webhook: string | null;
    request: LinkTokenRequest;
    now: Date;
  },
): Promise<{ linkToken: string; expiration: Date }> {
  const linkToken = createToken("link");
  const expiration = new Date(now.getTime() + LINK_TOKEN_TTL_MS);
  await sql.query(
    `INSERT INTO plaid_emulator.link_tokens
       (link_token, client_id, client_user_id, item_id, webhook, request, expires_at, created_at)
     VALUES ($1, $2, $3, $4, $5, $6::text::jsonb, $7, $8)`,
    [linkToken, clientId, clientUserId, itemId, webhook, json(request), expiration, now],
  );
  return { linkToken, expiration };
}

/** The link token's record; unknown or expired tokens are Plaid's INVALID_LINK_TOKEN. */
export async function loadLinkToken(sql: Sql, linkToken: string, now: Date): Promise<LinkTokenRecord> {
  const [row] = hasTokenFormat("link", linkToken)
    ? await sql.query<{
        client_id: string;
        client_user_id: string;
        item_id: string | null;
        webhook: string | null;
        request: LinkTokenRequest;
        expires_at: Date;
      }>(
        `SELECT client_id, client_user_id, item_id, webhook, request, expires_at
         FROM plaid_emulator.link_tokens WHERE link_token = $1`,
        [linkToken],
      )
    : [];
  if (!row || row.expires_at <= now) throw new EmulatorError("INVALID_LINK_TOKEN");
  return {
    linkToken,
    clientId: row.client_id,
    clientUserId: row.client_user_id,
    itemId: row.item_id,
    webhook: row.webhook,
    request: row.request,
    expiresAt: row.expires_at,
  };
}

/** Ends a link token's life now (a test hook: Plaid's tokens expire after four hours). */
export async function expireLinkToken(sql: Sql, linkToken: string, now: Date): Promise<void> {
  const expired = await sql.query(
    "UPDATE plaid_emulator.link_tokens SET expires_at = $2 WHERE link_token = $1 AND expires_at > $2 RETURNING 1",
    [linkToken, now],
  );
  if (expired.length === 0) throw new EmulatorError("INVALID_LINK_TOKEN");
}

/** Notes an item Link made on its link token, so test hooks can find a Link user's items. */
export async function recordLinkedItem(sql: Sql, linkToken: string, itemId: string): Promise<void> {
  // One statement: two logins racing on one link token both keep their item.
  await sql.query(
    `UPDATE plaid_emulator.link_tokens
     SET request = jsonb_set(request, '{linked_item_ids}',
       COALESCE(request->'linked_item_ids', '[]'::jsonb) || to_jsonb($2::text))
     WHERE link_token = $1`,
    [linkToken, itemId],
  );
}

export async function createPublicToken(
  sql: Sql,
  { itemId, clientId, now }: { itemId: string; clientId: string; now: Date },
): Promise<string> {
  const publicToken = createToken("public");
  await sql.query(
    `INSERT INTO plaid_emulator.public_tokens (public_token_sha256, item_id, client_id, expires_at, created_at)
     VALUES ($1, $2, $3, $4, $5)`,
    [sha256Hex(publicToken), itemId, clientId, new Date(now.getTime() + PUBLIC_TOKEN_TTL_MS), now],
  );
  return publicToken;
}

/** Marks the public token used and returns its item id; expired, used or unknown is INVALID_PUBLIC_TOKEN. */
export async function redeemPublicToken(
  sql: Sql,
  { publicToken, now }: { publicToken: string; now: Date },
): Promise<string> {
  if (!hasTokenFormat("public", publicToken)) {
    throw new EmulatorError("INVALID_PUBLIC_TOKEN", {
      message: "provided public token is in an invalid format. expected format: public-<environment>-<identifier>",
    });
  }
  // One conditional update: two concurrent exchanges cannot both succeed.
  const [redeemed] = await sql.query<{ item_id: string }>(
    `UPDATE plaid_emulator.public_tokens SET used_at = $2
     WHERE public_token_sha256 = $1 AND used_at IS NULL AND expires_at > $2
     RETURNING item_id`,
    [sha256Hex(publicToken), now],
  );
  if (!redeemed) throw new EmulatorError("INVALID_PUBLIC_TOKEN");
  return redeemed.item_id;
}
