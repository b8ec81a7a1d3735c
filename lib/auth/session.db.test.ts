// The audit's finding: sign-out did not end a session, and a saved cookie kept working for 30 days.
// Here a real next-auth cookie is read the way every page, action and route reads it.
import { encode } from "next-auth/jwt";
import { afterEach, expect, test, vi } from "vitest";
import { db } from "@/lib/db";
import { createUser } from "@/lib/test/factories";
import { getAuthSecret } from "./secret";
import { createSession } from "./sessions";

const request = vi.hoisted(() => ({
  cookie: "",
  userAgent: "Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0 Safari/537.36",
}));

vi.mock("next/headers", () => ({
  headers: async () =>
    new Headers({ "user-agent": request.userAgent, "x-mingus-peer-address": "2a01:e0a::1", cookie: request.cookie }),
  cookies: async () => ({
    getAll: () => (request.cookie ? [{ name: "next-auth.session-token", value: request.cookie.split("=")[1] }] : []),
  }),
}));

const { authOptions } = await import("./options");
const { getCurrentSession } = await import("./session");

async function cookieFor(claims: Record<string, unknown>) {
  const token = await encode({ token: claims, secret: getAuthSecret() });
  request.cookie = `next-auth.session-token=${token}`;
}

afterEach(() => {
  request.cookie = "";
});

test("a cookie naming a live session signs its user in; after sign-out the same cookie signs no one in", async () => {
  const user = await createUser();
  const sid = await createSession({ userId: user.id, origin: { address: "8.8.8.8", userAgent: null } });
  await cookieFor({ sub: user.id, sid });
  expect(await getCurrentSession()).toMatchObject({ sessionId: sid, user: { id: user.id, email: user.email } });

  // next-auth's sign-out hands the decoded cookie to events.signOut.
  await authOptions.events?.signOut?.({ token: { sub: user.id, sid }, session: null as never });
  expect(await db.userSession.findUnique({ where: { id: sid } })).toBeNull();
  expect(await getCurrentSession()).toBeNull();
});

test("a cookie from before sessions (no session id), a forged one and none at all sign no one in", async () => {
  const user = await createUser();
  await cookieFor({ sub: user.id });
  expect(await getCurrentSession()).toBeNull();
  request.cookie = "next-auth.session-token=not-a-jwt";
  expect(await getCurrentSession()).toBeNull();
  request.cookie = "";
  expect(await getCurrentSession()).toBeNull();
});

test("a cookie naming another person's session signs no one in", async () => {
  const [user, other] = [await createUser(), await createUser()];
  const sid = await createSession({ userId: other.id, origin: { address: "8.8.8.8", userAgent: null } });
  await cookieFor({ sub: user.id, sid });
  expect(await getCurrentSession()).toBeNull();
});

test("signing in opens a session with the request's browser and address, named in the cookie", async () => {
  const user = await createUser();
  const token = await authOptions.callbacks?.jwt?.({
    token: {},
    user: { id: user.id, email: user.email },
    account: { provider: "credentials", type: "credentials", providerAccountId: user.id },
  });
  expect(token).toMatchObject({ sub: user.id, sid: expect.any(String) });
  expect(await db.userSession.findUniqueOrThrow({ where: { id: String(token?.sid) } })).toMatchObject({
    userId: user.id,
    userAgent: request.userAgent,
    ipAddress: "2a01:e0a::1",
    country: "FR",
  });
  // Later calls (no user) keep the session they have.
  const again = await authOptions.callbacks?.jwt?.({ token: token ?? {}, user: undefined as never, account: null });
  expect(again?.sid).toBe(token?.sid);
  expect(await db.userSession.count({ where: { userId: user.id } })).toBe(1);
});

test("the session the browser can read carries the user's id, never the session's", async () => {
  const session = await authOptions.callbacks?.session?.({
    session: { user: { email: "a@b.c" }, expires: "" },
    token: { sub: "user-1", sid: "secret-session" },
  } as never);
  expect(JSON.stringify(session)).not.toContain("secret-session");
});
