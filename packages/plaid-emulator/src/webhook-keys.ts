// The ES256 keys that sign the emulator's webhooks. One is made on first need and kept in the
// database (so a restart keeps verifying old webhooks); /webhook_verification_key/get serves the
// public half as Plaid's JWKPublicKey.
import { randomUUID } from "node:crypto";
import { exportJWK, generateKeyPair, type JWK } from "jose";
import type { JWKPublicKey } from "plaid";
import { json, type Sql } from "./store/store.ts";

export type SigningKey = { kid: string; privateJwk: JWK };

/** The newest unexpired key, created when there is none. */
export async function getSigningKey(sql: Sql): Promise<SigningKey> {
  const [existing] = await sql.query<{ kid: string; private_jwk: JWK }>(
    "SELECT kid, private_jwk FROM plaid_emulator.keys WHERE expired_at IS NULL ORDER BY created_at DESC LIMIT 1",
  );
  if (existing) return { kid: existing.kid, privateJwk: existing.private_jwk };
  return createSigningKey(sql);
}

async function createSigningKey(sql: Sql): Promise<SigningKey> {
  const { publicKey, privateKey } = await generateKeyPair("ES256", { extractable: true });
  const kid = randomUUID();
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: "ES256", use: "sig" };
  const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: "ES256" };
  await sql.query(
    "INSERT INTO plaid_emulator.keys (kid, public_jwk, private_jwk) VALUES ($1, $2::text::jsonb, $3::text::jsonb)",
    [kid, json(publicJwk), json(privateJwk)],
  );
  return { kid, privateJwk };
}

/** Plaid's JWKPublicKey for a key id, or null when the emulator never issued it. */
export async function findVerificationKey(sql: Sql, kid: string): Promise<JWKPublicKey | null> {
  const [key] = await sql.query<{ kid: string; public_jwk: JWK; created_at: Date; expired_at: Date | null }>(
    "SELECT kid, public_jwk, created_at, expired_at FROM plaid_emulator.keys WHERE kid = $1",
    [kid],
  );
  if (!key) return null;
  const jwk = key.public_jwk;
  const seconds = (date: Date) => Math.floor(date.getTime() / 1000);
  return {
    alg: "ES256",
    created_at: seconds(key.created_at),
    crv: jwk.crv ?? "P-256",
    expired_at: key.expired_at ? seconds(key.expired_at) : null,
    kid: key.kid,
    kty: "EC",
    use: "sig",
    x: jwk.x ?? "",
    y: jwk.y ?? "",
  };
}
