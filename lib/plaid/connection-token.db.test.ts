// Reading a connection's access token back: it opens what was sealed, and refuses rows it cannot trust.
import { describe, expect, test } from "vitest";
import { isAppError } from "@/lib/errors";
import { createConnection, createUser } from "@/lib/test/factories";
import { getConnectionAccessToken } from "./connection-token";

describe("getConnectionAccessToken", () => {
  test("opens the sealed token of a connection", async () => {
    const user = await createUser();
    const connection = await createConnection({ userId: user.id, plaidAccessToken: "access-sandbox-opened" });
    expect(connection.accessToken).not.toContain("access-sandbox-opened");
    expect(await getConnectionAccessToken({ connectionId: connection.id })).toBe("access-sandbox-opened");
  });

  test("refuses a plaintext row, a tampered one and a missing connection", async () => {
    const user = await createUser();
    const plain = await createConnection({ userId: user.id, accessToken: "access-plain", accessTokenKeyId: null });
    const sealed = await createConnection({ userId: user.id });
    const tampered = await createConnection({
      userId: user.id,
      accessToken: sealed.accessToken.replace(/\.(.)/, (_m, c: string) => `.${c === "A" ? "B" : "A"}`),
      accessTokenKeyId: sealed.accessTokenKeyId,
    });
    const outcome = (connectionId: string) => getConnectionAccessToken({ connectionId }).catch((e: unknown) => e);
    const plainError = await outcome(plain.id);
    expect(isAppError(plainError, "token:undecryptable")).toBe(true);
    expect((plainError as Error).message).toMatch(/keys:rotate/);
    expect((plainError as Error).message).not.toContain("access-plain");
    expect(isAppError(await outcome(tampered.id), "token:undecryptable")).toBe(true);
    expect(isAppError(await outcome("00000000-0000-4000-8000-000000000000"), "connection:not_found")).toBe(true);
  });
});
