// Key rotation over real rows: tokens on an older key and plaintext ones move to the current key and
// still open; a token whose key is gone is reported and left byte for byte as it was.
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, test, vi } from "vitest";
import { db } from "@/lib/db";
import { createConnection, createUser } from "@/lib/test/factories";
import { rotateTokenKeys } from "./rotate-keys";
import { openAccessToken, parseTokenKeys, sealAccessToken } from "./token-crypto";

const key = () => randomBytes(32).toString("base64");
const [OLD, NEW, LOST] = [key(), key(), key()];
const before = parseTokenKeys(`old:${OLD},lost:${LOST}`);
const after = parseTokenKeys(`new:${NEW},old:${OLD}`);

async function connectionSealedWith(keyring: typeof before, plaintext: string, userId: string) {
  const { ciphertext, keyId } = sealAccessToken(plaintext, keyring);
  return createConnection({ userId, accessToken: ciphertext, accessTokenKeyId: keyId });
}

describe("rotateTokenKeys", () => {
  let userId: string;
  beforeAll(async () => {
    userId = (await createUser()).id;
  });

  test("re-seals old-key and plaintext rows in batches, reports unopenable ones and leaves them alone", async () => {
    const onOld = await Promise.all(
      ["a", "b", "c", "d", "e"].map((n) => connectionSealedWith(before, `access-old-${n}`, userId)),
    );
    const legacy = await createConnection({ userId, accessToken: "access-legacy-plain", accessTokenKeyId: null });
    const current = await connectionSealedWith(after, "access-current", userId);
    const lost = await connectionSealedWith(parseTokenKeys(`lost:${LOST}`), "access-lost", userId);

    const result = await rotateTokenKeys({ keyring: after, batchSize: 2 });

    expect(result).toMatchObject({ currentKeyId: "new", resealed: 5, sealed: 1, changedConcurrently: 0 });
    expect(result.failed).toEqual([
      { kind: "connection", connectionId: lost.id, keyId: "lost", reason: expect.stringContaining('"lost"') },
    ]);

    const rows = new Map((await db.plaidConnection.findMany({ where: { userId } })).map((row) => [row.id, row]));
    for (const [index, connection] of onOld.entries()) {
      const row = rows.get(connection.id);
      expect(row?.accessTokenKeyId).toBe("new");
      expect(row?.accessToken).not.toBe(connection.accessToken);
      expect(openAccessToken({ ciphertext: row?.accessToken ?? "", keyId: "new" }, after)).toBe(
        `access-old-${"abcde"[index]}`,
      );
    }
    const sealedLegacy = rows.get(legacy.id);
    expect(sealedLegacy?.accessToken).not.toContain("access-legacy-plain");
    expect(openAccessToken({ ciphertext: sealedLegacy?.accessToken ?? "", keyId: "new" }, after)).toBe(
      "access-legacy-plain",
    );
    // Already on the current key: not rewritten.
    expect(rows.get(current.id)?.accessToken).toBe(current.accessToken);
    // Unopenable: untouched.
    expect(rows.get(lost.id)).toMatchObject({ accessToken: lost.accessToken, accessTokenKeyId: "lost" });

    // A second run has nothing left to do but the row it cannot open.
    const again = await rotateTokenKeys({ keyring: after, batchSize: 2 });
    expect(again).toMatchObject({ resealed: 0, sealed: 0, failed: [{ connectionId: lost.id }] });
  });

  test("re-seals a pending link's token too (a Link exchange not yet a connection)", async () => {
    const sealed = sealAccessToken("access-pending", before);
    const pending = await db.pendingLink.create({
      data: { userId, itemId: "item-pending-rotation", accessToken: sealed.ciphertext, accessTokenKeyId: sealed.keyId },
    });
    const result = await rotateTokenKeys({ keyring: after });
    expect(result.resealed).toBeGreaterThanOrEqual(1);
    const row = await db.pendingLink.findUniqueOrThrow({ where: { id: pending.id } });
    expect(row.accessTokenKeyId).toBe("new");
    expect(openAccessToken({ ciphertext: row.accessToken, keyId: row.accessTokenKeyId }, after)).toBe("access-pending");
  });

  test("does not overwrite a token replaced between reading and writing", async () => {
    const connection = await connectionSealedWith(before, "access-racing", userId);
    const stale = { id: connection.id, accessToken: connection.accessToken, accessTokenKeyId: "old" };
    // A relink replaces the token after the rotation has read the row.
    const relinked = sealAccessToken("access-relinked", after);
    await db.plaidConnection.update({
      where: { id: connection.id },
      data: { accessToken: relinked.ciphertext, accessTokenKeyId: relinked.keyId },
    });
    const read = vi.spyOn(db.plaidConnection, "findMany").mockResolvedValueOnce([stale] as never);
    try {
      const result = await rotateTokenKeys({ keyring: after, batchSize: 10 });
      expect(result).toMatchObject({ resealed: 0, sealed: 0, changedConcurrently: 1, failed: [] });
    } finally {
      read.mockRestore();
    }
    const row = await db.plaidConnection.findUniqueOrThrow({ where: { id: connection.id } });
    expect(row.accessToken).toBe(relinked.ciphertext);
    expect(openAccessToken({ ciphertext: row.accessToken, keyId: row.accessTokenKeyId ?? "" }, after)).toBe(
      "access-relinked",
    );
  });

  test("authenticator app secrets move to the current key too, and still open", async () => {
    const owner = await createUser();
    const { ciphertext, keyId } = sealAccessToken("JBSWY3DPEHPK3PXP", parseTokenKeys(`old:${OLD}`));
    await db.userTotp.create({ data: { userId: owner.id, secret: ciphertext, keyId, confirmedAt: new Date() } });
    const result = await rotateTokenKeys({ keyring: after });
    expect(result.failed.map((failure) => failure.connectionId)).not.toContain(owner.id);
    const row = await db.userTotp.findUniqueOrThrow({ where: { userId: owner.id } });
    expect(row.keyId).toBe("new");
    expect(openAccessToken({ ciphertext: row.secret, keyId: row.keyId }, after)).toBe("JBSWY3DPEHPK3PXP");
  });
});
