// The audit's server action requests that answered 500: a foreign Origin and a body over the limit.
import { describe, expect, it } from "vitest";
import { SERVER_ACTION_BODY_LIMIT_BYTES, serverActionRefusal } from "./server-action-guard";

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
