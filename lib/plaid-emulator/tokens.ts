// Link tokens (4 hours, reusable as in Plaid's sandbox) and public tokens (30 minutes, single use,
// stored only as their SHA-256).
import "server-only";
import { db, type PlaidEmulatorLinkTokenModel as PlaidEmulatorLinkToken, type Prisma } from "@/lib/db";
import { EmulatorError } from "./errors";
import { createToken, hasTokenFormat, sha256Hex } from "./ids";

const LINK_TOKEN_TTL_MS = 4 * 60 * 60 * 1000;
const PUBLIC_TOKEN_TTL_MS = 30 * 60 * 1000;

export async function createLinkToken({
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
  /** The request as recorded: never the keys or an access token. */
  request: Prisma.InputJsonValue;
  now: Date;
}): Promise<{ linkToken: string; expiration: Date }> {
  const linkToken = createToken("link");
  const expiration = new Date(now.getTime() + LINK_TOKEN_TTL_MS);
  await db.plaidEmulatorLinkToken.create({
    data: { linkToken, clientId, clientUserId, itemId, webhook, request, expiresAt: expiration, createdAt: now },
  });
  return { linkToken, expiration };
}

/** The link token's record; unknown or expired tokens are Plaid's INVALID_LINK_TOKEN. */
export async function loadLinkToken(linkToken: string, now: Date): Promise<PlaidEmulatorLinkToken> {
  const record = hasTokenFormat("link", linkToken)
    ? await db.plaidEmulatorLinkToken.findUnique({ where: { linkToken } })
    : null;
  if (!record || record.expiresAt <= now) throw new EmulatorError("INVALID_LINK_TOKEN");
  return record;
}

export async function createPublicToken({
  itemId,
  clientId,
  now,
}: {
  itemId: string;
  clientId: string;
  now: Date;
}): Promise<string> {
  const publicToken = createToken("public");
  await db.plaidEmulatorPublicToken.create({
    data: {
      publicTokenSha256: sha256Hex(publicToken),
      itemId,
      clientId,
      expiresAt: new Date(now.getTime() + PUBLIC_TOKEN_TTL_MS),
      createdAt: now,
    },
  });
  return publicToken;
}

/** Marks the public token used and returns its item id; expired, used or unknown is INVALID_PUBLIC_TOKEN. */
export async function redeemPublicToken({ publicToken, now }: { publicToken: string; now: Date }): Promise<string> {
  if (!hasTokenFormat("public", publicToken)) {
    throw new EmulatorError("INVALID_PUBLIC_TOKEN", {
      message: "provided public token is in an invalid format. expected format: public-<environment>-<identifier>",
    });
  }
  const publicTokenSha256 = sha256Hex(publicToken);
  // One conditional update: two concurrent exchanges cannot both succeed.
  const { count } = await db.plaidEmulatorPublicToken.updateMany({
    where: { publicTokenSha256, usedAt: null, expiresAt: { gt: now } },
    data: { usedAt: now },
  });
  if (count !== 1) throw new EmulatorError("INVALID_PUBLIC_TOKEN");
  const record = await db.plaidEmulatorPublicToken.findUniqueOrThrow({ where: { publicTokenSha256 } });
  return record.itemId;
}
