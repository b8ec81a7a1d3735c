// The audit's server action requests that answered 500: a foreign Origin, a body over the limit, and a
// malformed body.
import { describe, expect, it } from "vitest";
import { SERVER_ACTION_BODY_LIMIT_BYTES, serverActionBodyRefusal, serverActionRefusal } from "./server-action-guard";

const request = (headers: Record<string, string>) => new Headers({ host: "mingus.example", ...headers });

describe("serverActionRefusal", () => {
  it("lets this site's forms through, and requests without an Origin (Next.js decides those)", () => {
    expect(serverActionRefusal(request({ origin: "https://mingus.example" }))).toBeNull();
    expect(serverActionRefusal(request({}))).toBeNull();
    expect(
      serverActionRefusal(request({ origin: "https://proxy.example", "x-forwarded-host": "proxy.example" })),
    ).toBeNull();
  });

  it.each(["https://evil.example", "https://mingus.example.evil.example", "null", "not a url"])(
    "refuses the Origin %s with 403",
    (origin) => {
      expect(serverActionRefusal(request({ origin }))?.status).toBe(403);
    },
  );

  it("refuses a body over the limit with 413", () => {
    const big = String(SERVER_ACTION_BODY_LIMIT_BYTES + 1);
    expect(serverActionRefusal(request({ origin: "https://mingus.example", "content-length": big }))).toEqual({
      status: 413,
      message: "This form sent more than 6 MB, so it was not run.",
    });
    expect(serverActionRefusal(request({ "content-length": String(SERVER_ACTION_BODY_LIMIT_BYTES) }))).toBeNull();
  });
});

describe("serverActionBodyRefusal", () => {
  const call = (contentType: string, body: BodyInit) =>
    new Request("https://mingus.example/settings", {
      method: "POST",
      headers: { "content-type": contentType, "next-action": "0".repeat(42) },
      body,
    });
  const multipart = (fields: Record<string, string>) => {
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.set(name, value);
    return new Request("https://mingus.example/settings", { method: "POST", body: form });
  };

  it("lets through what React's client sends: a JSON array, or form data with the array in field 0", async () => {
    expect(await serverActionBodyRefusal(call("text/plain;charset=UTF-8", '["$K1",{"ok":true}]'))).toBeNull();
    const form = multipart({ _1_email: "a@b.c", "0": '["$K1"]' });
    expect(await serverActionBodyRefusal(form)).toBeNull();
    // The clone was read; the request itself is still whole for Next.js.
    expect((await form.formData()).get("_1_email")).toBe("a@b.c");
  });

  it.each([
    ["text/plain;charset=UTF-8", "[not json"],
    ["text/plain;charset=UTF-8", '{"a":1}'],
    ["text/plain", ""],
    ["multipart/form-data; boundary=zz", "garbage"],
    ["multipart/form-data", "x"],
  ])("refuses %s with %j with 400", async (contentType, body) => {
    expect(await serverActionBodyRefusal(call(contentType, body))).toEqual({
      status: 400,
      message: "This form's data could not be read, so it was not run.",
    });
  });

  it("refuses form data without the arguments, or with something else in field 0", async () => {
    expect((await serverActionBodyRefusal(multipart({ email: "a@b.c" })))?.status).toBe(400);
    expect((await serverActionBodyRefusal(multipart({ "0": "{}" })))?.status).toBe(400);
  });

  it("leaves other types to Next.js", async () => {
    expect(await serverActionBodyRefusal(call("application/x-www-form-urlencoded", "%%%"))).toBeNull();
  });
});
