// Sessions that end on the server: a session row is what signs a cookie in, so ending it (sign-out,
// Settings → Security, a password change) signs that browser out everywhere at once.
import { describe, expect, test } from "vitest";
import { db } from "@/lib/db";
import { createUser } from "@/lib/test/factories";
import {
  createSession,
  endSession,
  endSessions,
  LAST_SEEN_PRECISION_MS,
  listSessions,
  SESSION_MAX_AGE_SECONDS,
  userOfSession,
} from "./sessions";

const FIREFOX = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14.5; rv:128.0) Gecko/20100101 Firefox/128.0";
const origin = (address = "8.8.8.8", userAgent: string | null = FIREFOX) => ({ address, userAgent });
const MINUTE = 60_000;

describe("createSession", () => {
  test("stores the browser, the address and its country, lasting as long as the cookie", async () => {
    const user = await createUser();
    const now = new Date("2026-12-01T10:00:00Z");
    const id = await createSession({ userId: user.id, origin: origin("2a01:e0a::1"), now });
    const row = await db.userSession.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ userId: user.id, userAgent: FIREFOX, ipAddress: "2a01:e0a::1", country: "FR" });
    expect(row.expiresAt.getTime() - now.getTime()).toBe(SESSION_MAX_AGE_SECONDS * 1000);
  });

  test("an unseen address and a private one are stored as such; a huge user agent is cut", async () => {
    const user = await createUser();
    const unknown = await createSession({ userId: user.id, origin: origin("unknown", "x".repeat(5000)) });
    const local = await createSession({ userId: user.id, origin: origin("192.168.1.20", null) });
    expect(await db.userSession.findUniqueOrThrow({ where: { id: unknown } })).toMatchObject({
      ipAddress: null,
      country: null,
      userAgent: "x".repeat(512),
    });
    expect(await db.userSession.findUniqueOrThrow({ where: { id: local } })).toMatchObject({
      ipAddress: "192.168.1.20",
      country: "local",
      userAgent: null,
    });
  });

  test("clears the person's expired sessions, and no one else's", async () => {
    const [person, other] = [await createUser(), await createUser()];
    const long = new Date(Date.now() - (SESSION_MAX_AGE_SECONDS + 60) * 1000);
    const old = await createSession({ userId: person.id, origin: origin(), now: long });
    const othersOld = await createSession({ userId: other.id, origin: origin(), now: long });
    await createSession({ userId: person.id, origin: origin() });
    expect(await db.userSession.findUnique({ where: { id: old } })).toBeNull();
    expect(await db.userSession.findUnique({ where: { id: othersOld } })).not.toBeNull();
  });
});

describe("userOfSession", () => {
  test("a live session signs its user in; ended, it signs no one in", async () => {
    const user = await createUser({ name: "Ada" });
    const sessionId = await createSession({ userId: user.id, origin: origin() });
    expect(await userOfSession({ sessionId, userId: user.id })).toMatchObject({
      id: user.id,
      name: "Ada",
      role: "user",
    });
    expect(await endSession({ userId: user.id, sessionId })).toBe(true);
    expect(await userOfSession({ sessionId, userId: user.id })).toBeNull();
  });

  test("an expired session, another person's, and a malformed id sign no one in", async () => {
    const [user, other] = [await createUser(), await createUser()];
    const now = new Date();
    const sessionId = await createSession({ userId: user.id, origin: origin(), now });
    const later = new Date(now.getTime() + SESSION_MAX_AGE_SECONDS * 1000);
    expect(await userOfSession({ sessionId, userId: user.id, now: later })).toBeNull();
    expect(await userOfSession({ sessionId, userId: other.id })).toBeNull();
    expect(await userOfSession({ sessionId: "not-a-uuid'; --", userId: user.id })).toBeNull();
  });

  test("notes when and where it was last seen, at most every five minutes", async () => {
    const user = await createUser();
    const start = new Date("2026-12-01T10:00:00Z");
    const sessionId = await createSession({ userId: user.id, origin: origin("8.8.8.8"), now: start });
    const soon = new Date(start.getTime() + LAST_SEEN_PRECISION_MS - MINUTE);
    await userOfSession({ sessionId, userId: user.id, origin: origin("2a01:e0a::1"), now: soon });
    expect(await db.userSession.findUniqueOrThrow({ where: { id: sessionId } })).toMatchObject({
      lastSeenAt: start,
      ipAddress: "8.8.8.8",
    });
    const later = new Date(start.getTime() + LAST_SEEN_PRECISION_MS);
    await userOfSession({ sessionId, userId: user.id, origin: origin("2a01:e0a::1"), now: later });
    expect(await db.userSession.findUniqueOrThrow({ where: { id: sessionId } })).toMatchObject({
      lastSeenAt: later,
      ipAddress: "2a01:e0a::1",
      country: "FR",
    });
  });
});

describe("listing and ending", () => {
  test("lists the person's live sessions, most recently seen first", async () => {
    const [user, other] = [await createUser(), await createUser()];
    const now = Date.now();
    const older = await createSession({ userId: user.id, origin: origin(), now: new Date(now - 60 * MINUTE) });
    const newer = await createSession({ userId: user.id, origin: origin(), now: new Date(now - MINUTE) });
    await createSession({ userId: other.id, origin: origin() });
    expect((await listSessions({ userId: user.id })).map((session) => session.id)).toEqual([newer, older]);
  });

  test("one person cannot end another's session", async () => {
    const [user, other] = [await createUser(), await createUser()];
    const sessionId = await createSession({ userId: user.id, origin: origin() });
    expect(await endSession({ userId: other.id, sessionId })).toBe(false);
    expect(await endSession({ userId: other.id, sessionId: "nonsense" })).toBe(false);
    expect(await userOfSession({ sessionId, userId: user.id })).not.toBeNull();
  });

  test("ends every session but the one kept, or all of them", async () => {
    const [user, other] = [await createUser(), await createUser()];
    const keep = await createSession({ userId: user.id, origin: origin() });
    await createSession({ userId: user.id, origin: origin() });
    await createSession({ userId: user.id, origin: origin() });
    const others = await createSession({ userId: other.id, origin: origin() });
    expect(await endSessions({ userId: user.id, keep })).toBe(2);
    expect((await listSessions({ userId: user.id })).map((session) => session.id)).toEqual([keep]);
    expect(await endSessions({ userId: user.id })).toBe(1);
    expect(await listSessions({ userId: user.id })).toEqual([]);
    expect(await userOfSession({ sessionId: others, userId: other.id })).not.toBeNull();
  });

  test("a deleted person's sessions go with them", async () => {
    const user = await createUser();
    const sessionId = await createSession({ userId: user.id, origin: origin() });
    await db.user.delete({ where: { id: user.id } });
    expect(await db.userSession.findUnique({ where: { id: sessionId } })).toBeNull();
  });
});
