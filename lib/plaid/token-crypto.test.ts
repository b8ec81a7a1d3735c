// Sealing access tokens: round trips, fresh IVs, tampering and swapped key ids fail, key parsing is
// strict and never echoes key material, and a rotated keyring still opens tokens sealed with old keys.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { EnvError } from "@/lib/env";
import { isAppError } from "@/lib/errors";
import { currentTokenKeyId, openAccessToken, parseTokenKeys, sealAccessToken } from "./token-crypto";
import { resolveTokenKeyring } from "./token-keys";

const TOKEN = "access-sandbox-6a1e9c2f-2b4d-4f7a-9e3c-secret";
const key = () => randomBytes(32).toString("base64");
const K1 = key();
const K2 = key();
const keyring = parseTokenKeys(`k1:${K1}`);

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error("expected a throw");
}

describe("sealAccessToken / openAccessToken", () => {
  test("round trips and records the sealing key", () => {
    const sealed = sealAccessToken(TOKEN, keyring);
    expect(sealed.keyId).toBe("k1");
    expect(sealed.ciphertext).toMatch(/^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]+$/);
    expect(sealed.ciphertext).not.toContain(TOKEN);
    expect(openAccessToken(sealed, keyring)).toBe(TOKEN);
    expect(openAccessToken(sealAccessToken("", keyring), keyring)).toBe("");
  });

  test("uses a fresh IV each time", () => {
    const seals = Array.from({ length: 20 }, () => sealAccessToken(TOKEN, keyring).ciphertext);
    expect(new Set(seals).size).toBe(20);
    expect(new Set(seals.map((s) => s.split(".")[1])).size).toBe(20);
  });

  test.each([
    ["a flipped ciphertext byte", (parts: string[]) => [parts[0], parts[1], parts[2], flip(parts[3])]],
    ["a flipped tag byte", (parts: string[]) => [parts[0], parts[1], flip(parts[2]), parts[3]]],
    ["a flipped IV byte", (parts: string[]) => [parts[0], flip(parts[1]), parts[2], parts[3]]],
    ["another version", (parts: string[]) => ["v2", ...parts.slice(1)]],
    ["a missing part", (parts: string[]) => parts.slice(0, 3)],
    ["characters outside base64url", (parts: string[]) => [parts[0], parts[1], parts[2], `${parts[3]}!`]],
  ])("refuses %s without echoing the value", (_name, tamper) => {
    const { ciphertext } = sealAccessToken(TOKEN, keyring);
    const tampered = tamper(ciphertext.split(".")).join(".");
    const error = thrown(() => openAccessToken({ ciphertext: tampered, keyId: "k1" }, keyring));
    expect(isAppError(error, "token:undecryptable")).toBe(true);
    expect((error as Error).message).not.toContain(tampered.split(".")[3] ?? "-");
    expect((error as Error).cause).toBeUndefined();
  });

  test("refuses an unknown key id, and a swapped key id even when both keys are present", () => {
    const sealed = sealAccessToken(TOKEN, keyring);
    const unknown = thrown(() => openAccessToken({ ...sealed, keyId: "k9" }, keyring));
    expect(isAppError(unknown, "token:undecryptable")).toBe(true);
    expect((unknown as Error).message).toContain('"k9"');
    expect((unknown as Error).message).not.toContain(sealed.ciphertext);

    // Same key bytes under two ids: only the AAD (the key id) tells them apart.
    const both = parseTokenKeys(`k1:${K1},k2:${K1}`);
    expect(
      isAppError(
        thrown(() => openAccessToken({ ...sealed, keyId: "k2" }, both)),
        "token:undecryptable",
      ),
    ).toBe(true);
  });

  test("after rotation seals with the new key and still opens the old one's tokens", () => {
    const old = sealAccessToken(TOKEN, keyring);
    const rotated = parseTokenKeys(`k2:${K2},k1:${K1}`);
    expect(currentTokenKeyId(rotated)).toBe("k2");
    const fresh = sealAccessToken(TOKEN, rotated);
    expect(fresh.keyId).toBe("k2");
    expect(openAccessToken(old, rotated)).toBe(TOKEN);
    expect(openAccessToken(fresh, rotated)).toBe(TOKEN);
    expect(
      isAppError(
        thrown(() => openAccessToken(fresh, keyring)),
        "token:undecryptable",
      ),
    ).toBe(true);
  });
});

describe("parseTokenKeys", () => {
  test("accepts several keys with spaces, the first sealing", () => {
    const parsed = parseTokenKeys(` a-1 : ${K1} , b_2:${K2}`);
    expect(parsed.current).toBe("a-1");
    expect([...parsed.keys.keys()]).toEqual(["a-1", "b_2"]);
    expect(parsed.keys.get("b_2")?.equals(Buffer.from(K2, "base64"))).toBe(true);
  });

  test.each([
    ["no key id", K1, /entry 1 has no key id: each entry must be "kid:base64key"/],
    ["an empty key id", `:${K1}`, /entry 1: the key id/],
    ["a key id with a dot", `k.1:${K1}`, /entry 1: the key id/],
    ["bad base64", "k1:not*base64", /key "k1" is not valid base64/],
    ["a 16-byte key", `k1:${randomBytes(16).toString("base64")}`, /key "k1" must decode to 32 bytes, not 16/],
    ["a duplicate key id", `k1:${K1},k1:${K2}`, /key id "k1" appears more than once/],
    ["a trailing comma", `k1:${K1},`, /entry 2 has no key id/],
  ])("rejects %s, naming TOKEN_ENCRYPTION_KEY and not the key", (_name, value, message) => {
    const error = thrown(() => parseTokenKeys(value));
    expect(error).toBeInstanceOf(EnvError);
    expect((error as Error).message).toMatch(/TOKEN_ENCRYPTION_KEY/);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain(K1);
    expect((error as Error).message).not.toContain(K2);
  });
});

describe("resolveTokenKeyring", () => {
  const dirs: string[] = [];
  const tempKeyFile = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mingus-token-key-"));
    dirs.push(dir);
    return path.join(dir, "data", "token-key");
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });

  test("embedded without the variable: generates a private key file once and reuses it", () => {
    const keyFile = tempKeyFile();
    const first = resolveTokenKeyring({ value: undefined, databaseUrl: undefined, keyFile });
    expect(first.current).toBe("local");
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    const second = resolveTokenKeyring({ value: undefined, databaseUrl: undefined, keyFile });
    expect(openAccessToken(sealAccessToken(TOKEN, first), second)).toBe(TOKEN);
  });

  test("refuses a corrupted key file instead of replacing it", () => {
    const keyFile = tempKeyFile();
    fs.mkdirSync(path.dirname(keyFile), { recursive: true });
    fs.writeFileSync(keyFile, "short");
    const error = thrown(() => resolveTokenKeyring({ value: undefined, databaseUrl: undefined, keyFile }));
    expect(isAppError(error, "token:key_missing")).toBe(true);
    expect(fs.readFileSync(keyFile, "utf8")).toBe("short");
  });

  test("PostgreSQL without the variable: token:key_missing telling how to set it, and no key file", () => {
    const keyFile = tempKeyFile();
    const error = thrown(() =>
      resolveTokenKeyring({ value: undefined, databaseUrl: "postgresql://localhost/x", keyFile }),
    );
    expect(isAppError(error, "token:key_missing")).toBe(true);
    expect((error as Error).message).toMatch(/TOKEN_ENCRYPTION_KEY: required when DATABASE_URL is set/);
    expect((error as Error).message).toContain("randomBytes(32)");
    expect(fs.existsSync(keyFile)).toBe(false);
  });

  test("with the variable set, an existing local key file still opens (for rotation) but never seals", () => {
    const keyFile = tempKeyFile();
    const local = resolveTokenKeyring({ value: undefined, databaseUrl: undefined, keyFile });
    const sealedLocally = sealAccessToken(TOKEN, local);
    const configured = resolveTokenKeyring({ value: `k1:${K1}`, databaseUrl: undefined, keyFile });
    expect(configured.current).toBe("k1");
    expect(openAccessToken(sealedLocally, configured)).toBe(TOKEN);
    const onPostgres = resolveTokenKeyring({ value: `k1:${K1}`, databaseUrl: "postgresql://localhost/x", keyFile });
    expect([...onPostgres.keys.keys()]).toEqual(["k1"]);
  });
});

function flip(part: string | undefined): string {
  const bytes = Buffer.from(part ?? "", "base64url");
  bytes[0] = (bytes[0] ?? 0) ^ 0x01;
  return bytes.toString("base64url");
}
