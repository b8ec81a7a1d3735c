import { createHash, generateKeyPairSync } from "node:crypto";
import { base64url, exportJWK, generateKeyPair, SignJWT } from "jose";
import { describe, expect, it, vi } from "vitest";
import type { WebhookKey } from "./key-cache";
import { sha256Hex, verifyWebhook } from "./verify";

const NOW = new Date("2026-11-24T12:00:00Z");
const NOW_SECONDS = NOW.getTime() / 1000;
const BODY =
  '{\n  "webhook_type": "TRANSACTIONS",\n  "webhook_code": "SYNC_UPDATES_AVAILABLE",\n  "item_id": "item-1"\n}';
const bytes = (text: string) => new TextEncoder().encode(text);
const hash = (text: string) => createHash("sha256").update(text).digest("hex");

async function createSigner(kid = "kid-1") {
  const { publicKey, privateKey } = await generateKeyPair("ES256", { extractable: true });
  const jwk = await exportJWK(publicKey);
  const key: WebhookKey = {
    alg: "ES256",
    crv: String(jwk.crv),
    kid,
    kty: String(jwk.kty),
    use: "sig",
    x: String(jwk.x),
    y: String(jwk.y),
    created_at: NOW_SECONDS - 86_400,
    expired_at: null,
  };
  const sign = (claims: Record<string, unknown> = {}, { iat = NOW_SECONDS, headerKid = kid } = {}) =>
    new SignJWT({ request_body_sha256: hash(BODY), ...claims })
      .setProtectedHeader({ alg: "ES256", kid: headerKid, typ: "JWT" })
      .setIssuedAt(iat)
      .sign(privateKey);
  return { key, sign };
}

function keysOf(...keys: WebhookKey[]) {
  return vi.fn(async (kid: string) => keys.find((key) => key.kid === kid) ?? null);
}

const verify = (token: string | null, fetchKey: (kid: string) => Promise<WebhookKey | null>, body = BODY) =>
  verifyWebhook({ body: bytes(body), token, fetchKey, now: NOW });

describe("verifyWebhook", () => {
  it("accepts a webhook signed by Plaid's key over the exact body", async () => {
    const { key, sign } = await createSigner();
    const result = await verify(await sign(), keysOf(key));
    expect(result).toEqual({ ok: true, bodySha256: hash(BODY), issuedAt: NOW, kid: "kid-1" });
  });

  it("accepts a webhook issued a little under five minutes ago", async () => {
    const { key, sign } = await createSigner();
    const result = await verify(await sign({}, { iat: NOW_SECONDS - 299 }), keysOf(key));
    expect(result.ok).toBe(true);
  });

  it("rejects a signature made with another key under the same kid", async () => {
    const plaid = await createSigner("kid-1");
    const forger = await createSigner("kid-1");
    expect(await verify(await forger.sign(), keysOf(plaid.key))).toEqual({ ok: false, reason: "bad_signature" });
  });

  it("rejects HS256, even keyed with the public key's own bytes, without looking the key up", async () => {
    const { key } = await createSigner();
    const token = await new SignJWT({ request_body_sha256: hash(BODY) })
      .setProtectedHeader({ alg: "HS256", kid: key.kid, typ: "JWT" })
      .setIssuedAt(NOW_SECONDS)
      .sign(new TextEncoder().encode(JSON.stringify(key)));
    const fetchKey = keysOf(key);
    expect(await verify(token, fetchKey)).toEqual({ ok: false, reason: "unsupported_alg" });
    expect(fetchKey).not.toHaveBeenCalled();
  });

  it("rejects RS256 without looking the key up", async () => {
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const token = await new SignJWT({ request_body_sha256: hash(BODY) })
      .setProtectedHeader({ alg: "RS256", kid: "kid-1" })
      .setIssuedAt(NOW_SECONDS)
      .sign(privateKey);
    const fetchKey = keysOf();
    expect(await verify(token, fetchKey)).toEqual({ ok: false, reason: "unsupported_alg" });
    expect(fetchKey).not.toHaveBeenCalled();
  });

  it('rejects an unsigned token (alg "none")', async () => {
    const { key } = await createSigner();
    const part = (value: object) => base64url.encode(JSON.stringify(value));
    const token = `${part({ alg: "none", kid: key.kid, typ: "JWT" })}.${part({ iat: NOW_SECONDS, request_body_sha256: hash(BODY) })}.`;
    const fetchKey = keysOf(key);
    expect(await verify(token, fetchKey)).toEqual({ ok: false, reason: "unsupported_alg" });
    expect(fetchKey).not.toHaveBeenCalled();
  });

  it("rejects a webhook issued more than five minutes ago", async () => {
    const { key, sign } = await createSigner();
    const result = await verify(await sign({}, { iat: NOW_SECONDS - 301 }), keysOf(key));
    expect(result).toEqual({ ok: false, reason: "stale_iat" });
  });

  it("rejects a webhook issued in the future beyond clock skew", async () => {
    const { key, sign } = await createSigner();
    const result = await verify(await sign({}, { iat: NOW_SECONDS + 120 }), keysOf(key));
    expect(result).toEqual({ ok: false, reason: "future_iat" });
  });

  it("rejects a token without iat", async () => {
    const { key } = await createSigner();
    const { privateKey, publicKey } = await generateKeyPair("ES256", { extractable: true });
    const jwk = await exportJWK(publicKey);
    const own = { ...key, x: String(jwk.x), y: String(jwk.y) };
    const token = await new SignJWT({ request_body_sha256: hash(BODY) })
      .setProtectedHeader({ alg: "ES256", kid: key.kid })
      .sign(privateKey);
    expect(await verify(token, keysOf(own))).toEqual({ ok: false, reason: "missing_iat" });
  });

  it("rejects a body changed by one byte", async () => {
    const { key, sign } = await createSigner();
    const tampered = BODY.replace("item-1", "item-2");
    expect(await verify(await sign(), keysOf(key), tampered)).toEqual({ ok: false, reason: "body_mismatch" });
  });

  it("rejects the same JSON re-serialized with other whitespace", async () => {
    const { key, sign } = await createSigner();
    const compact = JSON.stringify(JSON.parse(BODY));
    expect(await verify(await sign(), keysOf(key), compact)).toEqual({ ok: false, reason: "body_mismatch" });
    expect(await verify(await sign(), keysOf(key), `${BODY}\n`)).toEqual({ ok: false, reason: "body_mismatch" });
  });

  it("rejects a token without request_body_sha256, or with a hash of another length", async () => {
    const { key, sign } = await createSigner();
    expect(await verify(await sign({ request_body_sha256: undefined }), keysOf(key))).toEqual({
      ok: false,
      reason: "missing_body_hash",
    });
    const short = await sign({ request_body_sha256: hash(BODY).slice(0, 10) });
    expect(await verify(short, keysOf(key))).toEqual({ ok: false, reason: "body_mismatch" });
  });

  it("rejects a request without the Plaid-Verification header, or with garbage in it", async () => {
    const { key } = await createSigner();
    expect(await verify(null, keysOf(key))).toEqual({ ok: false, reason: "missing_header" });
    expect(await verify("", keysOf(key))).toEqual({ ok: false, reason: "missing_header" });
    expect(await verify("not-a-jwt", keysOf(key))).toEqual({ ok: false, reason: "malformed_token" });
  });

  it("rejects a kid Plaid does not know, whether the lookup answers null or throws", async () => {
    const { sign } = await createSigner("kid-unknown");
    expect(await verify(await sign(), keysOf())).toEqual({ ok: false, reason: "unknown_kid" });
    const failing = vi.fn(async () => {
      throw new Error("Plaid unreachable");
    });
    expect(await verify(await sign(), failing)).toEqual({ ok: false, reason: "key_unavailable" });
  });

  it("rejects a token without a kid", async () => {
    const { key, sign } = await createSigner();
    expect(await verify(await sign({}, { headerKid: "" }), keysOf(key))).toEqual({ ok: false, reason: "missing_kid" });
  });

  it("rejects a key Plaid has expired, and accepts one that only expires later", async () => {
    const { key, sign } = await createSigner();
    const expired = { ...key, expired_at: NOW_SECONDS - 60 };
    expect(await verify(await sign(), keysOf(expired))).toEqual({ ok: false, reason: "expired_key" });
    const expiring = { ...key, expired_at: NOW_SECONDS + 3600 };
    expect((await verify(await sign(), keysOf(expiring))).ok).toBe(true);
  });

  it("hashes the exact bytes as lowercase hex", () => {
    expect(sha256Hex(bytes("abc"))).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });
});
