// The ES256 keys that sign the emulator's webhooks. One is made on first need and kept in the
// database (so a restart keeps verifying old webhooks); /webhook_verification_key/get serves the
// public half as Plaid's JWKPublicKey.
import "server-only";
import { randomUUID } from "node:crypto";
import { exportJWK, generateKeyPair, type JWK } from "jose";
import type { JWKPublicKey } from "plaid";
import { db, type PlaidEmulatorKeyModel as PlaidEmulatorKey, type Prisma } from "@/lib/db";

export type SigningKey = { kid: string; privateJwk: JWK };

/** The newest unexpired key, created when there is none. */
export async function getSigningKey(): Promise<SigningKey> {
  const existing = await db.plaidEmulatorKey.findFirst({
    where: { expiredAt: null },
    orderBy: { createdAt: "desc" },
  });
  const key = existing ?? (await createSigningKey());
  return { kid: key.kid, privateJwk: key.privateJwk as JWK };
}

async function createSigningKey(): Promise<PlaidEmulatorKey> {
  const { publicKey, privateKey } = await generateKeyPair("ES256", { extractable: true });
  const kid = randomUUID();
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: "ES256", use: "sig" };
  const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: "ES256" };
  return db.plaidEmulatorKey.create({
    data: {
      kid,
      publicJwk: publicJwk as Prisma.InputJsonValue,
      privateJwk: privateJwk as Prisma.InputJsonValue,
    },
  });
}

/** Plaid's JWKPublicKey for a key id, or null when the emulator never issued it. */
export async function findVerificationKey(kid: string): Promise<JWKPublicKey | null> {
  const key = await db.plaidEmulatorKey.findUnique({ where: { kid } });
  if (!key) return null;
  const jwk = key.publicJwk as JWK;
  const seconds = (date: Date) => Math.floor(date.getTime() / 1000);
  return {
    alg: "ES256",
    created_at: seconds(key.createdAt),
    crv: jwk.crv ?? "P-256",
    expired_at: key.expiredAt ? seconds(key.expiredAt) : null,
    kid: key.kid,
    kty: "EC",
    use: "sig",
    x: jwk.x ?? "",
    y: jwk.y ?? "",
  };
}
