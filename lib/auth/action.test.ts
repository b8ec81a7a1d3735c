// A server action run through authedAction logs with the x-request-id proxy.ts gave its request.
import { expect, test, vi } from "vitest";
import { z } from "zod";
import { authedAction } from "@/lib/auth/action";
import { log } from "@/lib/log";
import { captureLogs } from "@/lib/log/test-support";

vi.mock("next/headers", () => ({ headers: async () => new Headers({ "x-request-id": "req-from-proxy-1" }) }));
vi.mock("@/lib/auth/session", () => ({ getCurrentUser: async () => ({ id: "u1", email: "a@b.c" }) }));

test("every line an action's work logs carries its request's id", async () => {
  const action = authedAction(z.object({ name: z.string() }), async (input) => {
    log.info({ name: input.name }, "renaming");
    throw new Error("database unreachable");
  });
  const form = new FormData();
  form.set("name", "Checking");
  const { result, records } = await captureLogs(() => action({}, form));
  expect(result.message).toMatch(/Something went wrong/);
  expect(records.map(({ msg, requestId }) => ({ msg, requestId }))).toEqual([
    { msg: "renaming", requestId: "req-from-proxy-1" },
    { msg: "action failed", requestId: "req-from-proxy-1" },
  ]);
});
