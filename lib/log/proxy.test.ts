// proxy.ts (the root one) gives every request an id: a sane incoming x-request-id is kept, anything else replaced by a
// UUID, and the id is passed on to the app (Next's x-middleware-request-* header) and returned.
import { NextRequest } from "next/server";
import { expect, test } from "vitest";
import { proxy } from "@/proxy";

const forwarded = (response: Response) => response.headers.get("x-middleware-request-x-request-id");

test("keeps a sane incoming x-request-id on an API request, for the app and in the response", async () => {
  const response = await proxy(
    new NextRequest("http://localhost/api/health", { headers: { "x-request-id": "lb-1a2b" } }),
  );
  expect(response.headers.get("x-request-id")).toBe("lb-1a2b");
  expect(forwarded(response)).toBe("lb-1a2b");
});

test("replaces an unfit one with a UUID, also on a redirect to sign in", async () => {
  const api = await proxy(new NextRequest("http://localhost/api/health", { headers: { "x-request-id": 'a b"c' } }));
  expect(api.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  expect(forwarded(api)).toBe(api.headers.get("x-request-id"));
  const page = await proxy(new NextRequest("http://localhost/accounts"));
  expect(page.status).toBe(307);
  expect(page.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
});
