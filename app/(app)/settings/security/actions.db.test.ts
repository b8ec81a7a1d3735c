// Settings → Security's actions end only the signed-in person's sessions, and the right ones.
import { beforeEach, expect, test, vi } from "vitest";
import { formOf } from "@/components/form-action";
import { createSession, listSessions } from "@/lib/auth/sessions";
import { createUser } from "@/lib/test/factories";

type Person = { id: string; email: string; name: null; role: "user" };
const current = vi.hoisted(() => ({ user: null as Person | null, sessionId: "", cookieCleared: false }));
vi.mock("@/lib/auth/session", () => ({
  SIGNED_OUT_PATH: "/sign-in?ended=1",
  clearSessionCookies: async () => {
    current.cookieCleared = true;
  },
  getCurrentUser: async () => current.user,
  getCurrentSession: async () => current.user && { user: current.user, sessionId: current.sessionId },
}));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
const redirects = vi.hoisted(() => [] as string[]);
vi.mock("next/navigation", () => ({
  redirect: (path: string) => {
    redirects.push(path);
    throw Object.assign(new Error("NEXT_REDIRECT"), { digest: `NEXT_REDIRECT;replace;${path};307;` });
  },
  unstable_rethrow: (error: { digest?: string }) => {
    if (error?.digest?.startsWith("NEXT_REDIRECT")) throw error;
  },
}));

const { endAllSessionsAction, endOtherSessionsAction, endSessionAction } = await import("./actions");
const origin = { address: "8.8.8.8", userAgent: null };

async function signedIn(sessions: number) {
  const user = await createUser();
  const ids: string[] = [];
  for (let i = 0; i < sessions; i++) ids.push(await createSession({ userId: user.id, origin }));
  const [first = ""] = ids;
  current.user = { id: user.id, email: user.email, name: null, role: "user" };
  current.sessionId = first;
  return { user, ids: ids as [string, string, string] };
}

const live = async (userId: string) => (await listSessions({ userId })).map((session) => session.id).sort();

beforeEach(() => {
  redirects.length = 0;
  current.cookieCleared = false;
});

test("Sign out ends that one session", async () => {
  const { user, ids } = await signedIn(3);
  expect(await endSessionAction({}, formOf({ sessionId: ids[2] }))).toEqual({ ok: true, message: "Signed out." });
  expect(await live(user.id)).toEqual([ids[0], ids[1]].sort());
  expect(await endSessionAction({}, formOf({ sessionId: ids[2] }))).toMatchObject({
    message: "That session had already ended.",
  });
});

test("another person's session is left alone, and a malformed id is a field error", async () => {
  const other = await createUser();
  const theirs = await createSession({ userId: other.id, origin });
  await signedIn(1);
  expect(await endSessionAction({}, formOf({ sessionId: theirs }))).toMatchObject({
    message: "That session had already ended.",
  });
  expect(await live(other.id)).toEqual([theirs]);
  expect(await endSessionAction({}, formOf({ sessionId: "x\u0000" }))).toMatchObject({
    errors: { sessionId: ["That session does not exist."] },
  });
});

test("Sign out on this browser's own session signs out here", async () => {
  const { user, ids } = await signedIn(2);
  await expect(endSessionAction({}, formOf({ sessionId: ids[0] }))).rejects.toThrow("NEXT_REDIRECT");
  expect(redirects).toEqual(["/sign-in?ended=1"]);
  expect(current.cookieCleared).toBe(true);
  expect(await live(user.id)).toEqual([ids[1]]);
});

test("Sign out other sessions keeps this one", async () => {
  const { user, ids } = await signedIn(3);
  expect(await endOtherSessionsAction({}, formOf({}))).toEqual({
    ok: true,
    message: "Signed out of 2 other sessions.",
  });
  expect(await live(user.id)).toEqual([ids[0]]);
  expect(await endOtherSessionsAction({}, formOf({}))).toMatchObject({ message: "No other session was open." });
});

test("Sign out everywhere ends every session, this one too, and leaves for the sign-in page", async () => {
  const { user } = await signedIn(3);
  await expect(endAllSessionsAction({}, formOf({}))).rejects.toThrow("NEXT_REDIRECT");
  expect(redirects).toEqual(["/sign-in?ended=1"]);
  expect(current.cookieCleared).toBe(true);
  expect(await live(user.id)).toEqual([]);
});

test("without a session nothing is ended", async () => {
  const { user } = await signedIn(2);
  current.user = null;
  expect(await endAllSessionsAction({}, formOf({}))).toEqual({ message: "Your session has ended. Sign in again." });
  expect(await live(user.id)).toHaveLength(2);
});
