import { describe, expect, it } from "vitest";
import { z } from "zod";
import { EmulatorError } from "./errors.ts";
import { isJsonContentType, MAX_REQUEST_BODY_BYTES, readApiKeys, readJsonBody, validateBody } from "./request.ts";

const schema = z.object({
  access_token: z.string(),
  user: z.object({ client_user_id: z.string().min(1) }),
  count: z.int().min(1).max(500).optional(),
});

function failure(run: () => unknown): EmulatorError {
  try {
    run();
  } catch (error) {
    if (error instanceof EmulatorError) return error;
    throw error;
  }
  throw new Error("expected an EmulatorError");
}

describe("validateBody", () => {
  it("lists every missing field, as Plaid's MISSING_FIELDS does", () => {
    const error = failure(() => validateBody(schema, { count: 5 }));
    expect(error.code).toBe("MISSING_FIELDS");
    expect(error.message).toBe("the following required fields are missing: access_token, user");
    expect(failure(() => validateBody(schema, { access_token: "a", user: {} })).message).toBe(
      "the following required fields are missing: user.client_user_id",
    );
  });

  it("names the first invalid field, never its value", () => {
    const error = failure(() =>
      validateBody(schema, { access_token: "secret-value", user: { client_user_id: "u" }, count: 900 }),
    );
    expect(error.code).toBe("INVALID_FIELD");
    expect(error.message).toMatch(/^count is invalid: /);
    const wrongType = failure(() => validateBody(schema, { access_token: 42, user: { client_user_id: "u" } }));
    expect(wrongType.code).toBe("INVALID_FIELD");
    expect(wrongType.message).toMatch(/^access_token /);
  });
});

describe("readApiKeys and readJsonBody", () => {
  it("takes keys from headers or body and refuses a missing one", () => {
    expect(readApiKeys(new Headers({ "PLAID-CLIENT-ID": "c", "PLAID-SECRET": "s" }), {})).toBe("c");
    expect(readApiKeys(new Headers(), { client_id: "c2", secret: "s2" })).toBe("c2");
    expect(failure(() => readApiKeys(new Headers({ "PLAID-CLIENT-ID": "c" }), {})).code).toBe("INVALID_API_KEYS");
    expect(failure(() => readApiKeys(new Headers(), { client_id: " ", secret: "s" })).code).toBe("INVALID_API_KEYS");
  });

  it("with configured credentials, accepts that pair only", () => {
    const credentials = { clientId: "client", secret: "the-configured-secret" };
    const headers = (id: string, secret: string) => new Headers({ "PLAID-CLIENT-ID": id, "PLAID-SECRET": secret });
    expect(readApiKeys(headers("client", "the-configured-secret"), {}, credentials)).toBe("client");
    expect(readApiKeys(new Headers(), { client_id: "client", secret: "the-configured-secret" }, credentials)).toBe(
      "client",
    );
    for (const [id, secret] of [
      ["client", "the-configured-secreT"],
      ["client", "the-configured-secret-and-more"],
      ["client", "the"],
      ["someone", "the-configured-secret"],
    ] as const) {
      expect(failure(() => readApiKeys(headers(id, secret), {}, credentials)).code).toBe("INVALID_API_KEYS");
    }
  });

  it("takes application/json exactly, with a UTF-8 charset at most", () => {
    for (const good of ["application/json", "Application/JSON", "application/json; charset=utf-8"]) {
      expect(isJsonContentType(good), good).toBe(true);
    }
    // The first is what a page on any origin may send without a CORS preflight.
    for (const bad of [
      "text/plain; x=application/json",
      "text/plain",
      "application/jsonx",
      "application/json; charset=latin1",
      "multipart/form-data; boundary=application/json",
      "",
      null,
    ]) {
      expect(isJsonContentType(bad), String(bad)).toBe(false);
    }
  });

  it("accepts only a JSON object sent as application/json", async () => {
    const request = (body: string, type = "application/json") =>
      new Request("http://x/", { method: "POST", body, headers: { "Content-Type": type } });
    await expect(readJsonBody(request('{"a":1}'))).resolves.toEqual({ a: 1 });
    for (const bad of [
      request("{"),
      request("null"),
      request("[]"),
      request("{}", "text/plain"),
      request("{}", "text/plain; x=application/json"),
    ]) {
      await expect(readJsonBody(bad)).rejects.toMatchObject({ code: "INVALID_BODY" });
    }
  });

  it("refuses a body past the limit, declared or streamed, before buffering it whole", async () => {
    const big = JSON.stringify({ access_token: "a".repeat(100) });
    const declared = new Request("http://x/", {
      method: "POST",
      body: big,
      headers: { "Content-Type": "application/json" },
    });
    await expect(readJsonBody(declared, 64)).rejects.toMatchObject({ code: "INVALID_BODY" });
    // No Content-Length: the bytes are counted as they arrive.
    const streamed = new Request("http://x/", {
      method: "POST",
      body: new Blob([big]).stream(),
      headers: { "Content-Type": "application/json" },
      duplex: "half",
    } as RequestInit);
    await expect(readJsonBody(streamed, 64)).rejects.toMatchObject({ code: "INVALID_BODY" });
    expect(MAX_REQUEST_BODY_BYTES).toBeGreaterThanOrEqual(64 * 1024);
  });
});
