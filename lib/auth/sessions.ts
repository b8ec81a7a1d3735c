// Sessions that end on the server (docs/security.md, Sessions). next-auth keeps its encrypted JWT
// cookie (the Credentials provider needs the JWT strategy), and the cookie names a row of
// user_sessions: a request is signed in only while that row exists and has not expired. Sign-out
// deletes the row; so do "Sign out" on Settings → Security and a password change (every other row).
import "server-only";
import { db } from "@/lib/db";
import { placeOfAddress, storedPlace } from "@/lib/security/ip-country";
import { roleFor, type SessionUser } from "./users";

/** How long a session lasts from sign-in: next-auth's cookie lasts as long (lib/auth/options.ts). */
export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;
/** How long a sign-in may wait for its two-factor code before it has to start again. */
export const SECOND_FACTOR_WAIT_MS = 15 * 60 * 1000;
/** last_seen_at is written at most this often per session, not on every request. */
export const LAST_SEEN_PRECISION_MS = 5 * 60 * 1000;

const USER_AGENT_MAX = 512;

export interface SessionOrigin {
  userAgent: string | null;
  /** The client's address (lib/security/client-address.ts); "unknown" when the server did not see it. */
  address: string;
}

function originColumns({ userAgent, address }: SessionOrigin) {
  return {
    userAgent: userAgent ? userAgent.slice(0, USER_AGENT_MAX) : null,
    ipAddress: address === "unknown" ? null : address,
  };
}

/** A new session for a sign-in; its id goes into the cookie. Expired rows of the user go on the way. */
export async function createSession({
  userId,
  origin,
  secondFactorPending = false,
  now = new Date(),
}: {
  userId: string;
  origin: SessionOrigin;
  /** The person has a second factor still to give: the session opens only /two-factor until then. */
  secondFactorPending?: boolean;
  now?: Date;
}): Promise<string> {
  const columns = originColumns(origin);
  const country = storedPlace(await placeOfAddress(columns.ipAddress));
  const [, created] = await db.$transaction([
    db.userSession.deleteMany({ where: { userId, expiresAt: { lte: now } } }),
    db.userSession.create({
      data: {
        userId,
        ...columns,
        country,
        secondFactorPending,
        createdAt: now,
        lastSeenAt: now,
        expiresAt: new Date(
          now.getTime() + (secondFactorPending ? SECOND_FACTOR_WAIT_MS : SESSION_MAX_AGE_SECONDS * 1000),
        ),
      },
      select: { id: true },
    }),
  ]);
  return created.id;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The user of a live session, or null when the session was ended, has expired, belongs to someone else
 * than the cookie says, or still waits for its second factor (see sessionState).
 */
export async function userOfSession(input: {
  sessionId: string;
  userId: string;
  origin?: SessionOrigin;
  now?: Date;
}): Promise<SessionUser | null> {
  const state = await sessionState(input);
  return state && !state.secondFactorPending ? state.user : null;
}

/**
 * A live session's user and whether it still waits for a second factor; null when the session was
 * ended, has expired, or belongs to someone else than the cookie says. Notes when it was last seen (and
 * from where) at most every five minutes.
 */
export async function sessionState({
  sessionId,
  userId,
  origin,
  now = new Date(),
}: {
  sessionId: string;
  userId: string;
  origin?: SessionOrigin;
  now?: Date;
}): Promise<{ user: SessionUser; secondFactorPending: boolean } | null> {
  if (!UUID.test(sessionId)) return null;
  const session = await db.userSession.findUnique({
    where: { id: sessionId },
    select: {
      userId: true,
      expiresAt: true,
      lastSeenAt: true,
      ipAddress: true,
      secondFactorPending: true,
      user: { select: { id: true, email: true, name: true, emailVerified: true, adminGrantedAt: true } },
    },
  });
  if (!session || session.userId !== userId || session.expiresAt <= now) return null;
  if (origin && now.getTime() - session.lastSeenAt.getTime() >= LAST_SEEN_PRECISION_MS) {
    await noteSeen({ sessionId, origin, previousAddress: session.ipAddress, now });
  }
  const { user } = session;
  // Worked out on every request, not read from users.role: an address taken off ADMIN_EMAILS, or a
  // grant revoked, stops being admin at once, in sessions already open.
  return {
    user: { id: user.id, email: user.email, name: user.name, role: roleFor(user) },
    secondFactorPending: session.secondFactorPending,
  };
}

/**
 * The second factor was given: the session opens everything, and lasts as long as its cookie (30 days
 * from sign-in) instead of the 15 minutes it had to give it. False when it is gone, over or not theirs.
 */
export async function completeSecondFactor({
  userId,
  sessionId,
  now = new Date(),
}: {
  userId: string;
  sessionId: string;
  now?: Date;
}): Promise<boolean> {
  if (!UUID.test(sessionId)) return false;
  const session = await db.userSession.findUnique({ where: { id: sessionId }, select: { createdAt: true } });
  if (!session) return false;
  const { count } = await db.userSession.updateMany({
    where: { id: sessionId, userId, secondFactorPending: true, expiresAt: { gt: now } },
    data: {
      secondFactorPending: false,
      expiresAt: new Date(session.createdAt.getTime() + SESSION_MAX_AGE_SECONDS * 1000),
    },
  });
  return count > 0;
}

async function noteSeen({
  sessionId,
  origin,
  previousAddress,
  now,
}: {
  sessionId: string;
  origin: SessionOrigin;
  previousAddress: string | null;
  now: Date;
}) {
  const columns = originColumns(origin);
  const moved = columns.ipAddress !== null && columns.ipAddress !== previousAddress;
  const country = moved ? storedPlace(await placeOfAddress(columns.ipAddress)) : undefined;
  // updateMany: a session ended meanwhile stays ended (no error, no row brought back).
  await db.userSession.updateMany({
    where: { id: sessionId },
    data: {
      lastSeenAt: now,
      ...(columns.userAgent ? { userAgent: columns.userAgent } : {}),
      ...(moved ? { ipAddress: columns.ipAddress, country } : {}),
    },
  });
}

export interface SessionSummary {
  id: string;
  createdAt: Date;
  lastSeenAt: Date;
  userAgent: string | null;
  ipAddress: string | null;
  country: string | null;
  secondFactorPending: boolean;
}

/** The person's live sessions, most recently seen first. */
export async function listSessions({
  userId,
  now = new Date(),
}: {
  userId: string;
  now?: Date;
}): Promise<SessionSummary[]> {
  return db.userSession.findMany({
    where: { userId, expiresAt: { gt: now } },
    orderBy: [{ lastSeenAt: "desc" }, { createdAt: "desc" }],
    select: {
      id: true,
      createdAt: true,
      lastSeenAt: true,
      userAgent: true,
      ipAddress: true,
      country: true,
      secondFactorPending: true,
    },
  });
}

/** Ends one of the person's sessions; false when it is not theirs or already over. */
export async function endSession({ userId, sessionId }: { userId: string; sessionId: string }): Promise<boolean> {
  if (!UUID.test(sessionId)) return false;
  const { count } = await db.userSession.deleteMany({ where: { id: sessionId, userId } });
  return count > 0;
}

/** Ends every session of the person, or every one but `keep` (a password change keeps its own). */
export async function endSessions({ userId, keep }: { userId: string; keep?: string }): Promise<number> {
  const { count } = await db.userSession.deleteMany({
    where: { userId, ...(keep && UUID.test(keep) ? { id: { not: keep } } : {}) },
  });
  return count;
}
