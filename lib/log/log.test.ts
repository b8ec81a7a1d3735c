// The logger: secrets planted in a log call come out censored, and a request's or job's lines carry its id.
import { afterEach, describe, expect, test, vi } from "vitest";
import { log, withLogContext } from "./index";
import { withRequestLog } from "./request";
import { captureLogs } from "./test-support";

const ACCESS_TOKEN = "access-sandbox-0f1e2d3c-4b5a-6978-8a9b-secret-token";
const SEALED = "v1.aXY.dGFn.c2VhbGVkLXRva2Vu";

afterEach(() => {
  vi.restoreAllMocks();
});

describe("redaction", () => {
  test("access tokens, passwords, cookies, authorization headers and sealed tokens never reach a line", async () => {
    const { lines, records } = await captureLogs(() => {
      log.info(
        {
          access_token: ACCESS_TOKEN,
          connection: { accessToken: SEALED, accessTokenKeyId: "k1" },
          user: { email: "a@b.c", password: "hunter2-correct-horse" },
          req: { headers: { cookie: "next-auth.session-token=abc.def.ghi", authorization: "Bearer sk-live-xyz" } },
          sealed: { ciphertext: SEALED, keyId: "k1" },
          "PLAID-SECRET": "plaid-secret-value",
        },
        "linked",
      );
    });
    const text = lines.join("");
    for (const secret of [
      ACCESS_TOKEN,
      SEALED,
      "hunter2-correct-horse",
      "abc.def.ghi",
      "sk-live-xyz",
      "plaid-secret-value",
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(records[0]).toMatchObject({
      level: "info",
      msg: "linked",
      access_token: "[Redacted]",
      connection: { accessToken: "[Redacted]", accessTokenKeyId: "k1" },
      user: { email: "a@b.c", password: "[Redacted]" },
      req: { headers: { cookie: "[Redacted]", authorization: "[Redacted]" } },
      sealed: { ciphertext: "[Redacted]", keyId: "k1" },
    });
  });

  test("a Plaid token inside a message or an error is censored, and an error keeps nothing of its request", async () => {
    const error = Object.assign(new Error(`Plaid refused ${ACCESS_TOKEN}`), {
      code: "ERR_BAD_RESPONSE",
      config: { headers: { "PLAID-SECRET": "plaid-secret-value" }, data: `{"access_token":"${ACCESS_TOKEN}"}` },
    });
    const { lines, records } = await captureLogs(() => {
      log.warn(`exchanged into ${ACCESS_TOKEN}`);
      log.error({ err: error }, "call failed");
    });
    expect(lines.join("")).not.toContain(ACCESS_TOKEN);
    expect(lines.join("")).not.toContain("plaid-secret-value");
    expect(records[0]?.msg).toBe("exchanged into [Redacted]");
    expect(records[1]?.err).toEqual({
      type: "Error",
      message: "Plaid refused [Redacted]",
      code: "ERR_BAD_RESPONSE",
      stack: expect.stringContaining("Plaid refused [Redacted]"),
    });
  });
});

describe("context", () => {
  test("a job's lines carry its job id, queue and worker; lines outside it carry none", async () => {
    const { records } = await captureLogs(async () => {
      await withLogContext({ jobId: "job-1", queue: "sync", workerId: "host:1:abc/1" }, async () => {
        log.info("started");
        await new Promise((resolve) => setTimeout(resolve, 1));
        log.info("finished");
      });
      log.info("idle");
    });
    expect(records.map(({ msg, jobId, workerId }) => ({ msg, jobId, workerId }))).toEqual([
      { msg: "started", jobId: "job-1", workerId: "host:1:abc/1" },
      { msg: "finished", jobId: "job-1", workerId: "host:1:abc/1" },
      { msg: "idle", jobId: undefined, workerId: undefined },
    ]);
  });

  test("a route handler's lines carry the request's x-request-id; an unfit one is replaced by a UUID", async () => {
    const handler = withRequestLog(async (_request: Request) => {
      log.info("handled");
      return new Response("ok");
    });
    const { records } = await captureLogs(async () => {
      await handler(new Request("http://localhost/api/x", { headers: { "x-request-id": "lb-7f3a9c" } }));
      await handler(new Request("http://localhost/api/x", { headers: { "x-request-id": 'forged" "level":"fatal' } }));
      await handler(new Request("http://localhost/api/x"));
    });
    expect(records[0]?.requestId).toBe("lb-7f3a9c");
    expect(records[1]?.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(records[2]?.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(records[2]?.requestId).not.toBe(records[1]?.requestId);
  });
});
