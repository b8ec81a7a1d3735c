// People who sign in: registration with a hashed password, credential checks that take the same time
// whether or not the email exists, and the admin role: granted by `npm run user:admin`, or by
// ADMIN_EMAILS for a confirmed address, worked out again at each sign-in (docs/security.md, Admins).
import "server-only";
import { z } from "zod";
import { recordAudit } from "@/lib/audit";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { hashPassword, verifyPassword } from "./password";

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email("Enter a valid email address.").max(254, "Email addresses are at most 254 characters."));
export const passwordSchema = z.string().min(10, "Use at least 10 characters.").max(128, "Use at most 128 characters.");

export interface SessionUser {
  id: string;
  email: string;
  name: string | null;
  role: "user" | "admin";
}

const SELECT = { id: true, email: true, name: true, role: true } as const;

// Verified against when the email is unknown, so a miss costs as long as a wrong password.
let decoyHash: Promise<string> | undefined;

type RoleFacts = { email: string; emailVerified: Date | null; adminGrantedAt: Date | null };
const ROLE_FACTS = { emailVerified: true, adminGrantedAt: true } as const;

/**
 * Admin when granted explicitly, or when ADMIN_EMAILS lists the address and its owner proved it: the
 * first sign-up with a listed address is not admin until the link mailed there is opened, and taking
 * an address off the list takes the role away at the next sign-in.
 */
export function roleFor({ email, emailVerified, adminGrantedAt }: RoleFacts): "user" | "admin" {
  return adminGrantedAt !== null || (emailVerified !== null && env.ADMIN_EMAILS.includes(email)) ? "admin" : "user";
}

/** Writes the role the facts give, when the stored one differs; returns it. */
async function settleRole(user: RoleFacts & { id: string; role: string }): Promise<"user" | "admin"> {
  const role = roleFor(user);
  if (role !== user.role) await db.user.update({ where: { id: user.id }, data: { role } });
  return role;
}

/** Works the person's role out again now (after their address is confirmed or changed). */
export async function refreshRole({ userId }: { userId: string }): Promise<void> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { ...SELECT, ...ROLE_FACTS } });
  if (user) await settleRole(user);
}

function toSessionUser(user: { id: string; email: string; name: string | null; role: string }): SessionUser {
  return { ...user, role: user.role === "admin" ? "admin" : "user" };
}

/** Creates a user, or returns null when the email is taken (the caller decides what to say). */
export async function registerUser(input: {
  email: string;
  password: string;
  name?: string;
}): Promise<SessionUser | null> {
  const passwordHash = await hashPassword(input.password);
  const created = await db.user
    .create({
      // Never admin yet: the address is not confirmed.
      data: { email: input.email, name: input.name || null, passwordHash, role: "user" },
      select: SELECT,
    })
    .catch((error: { code?: string }) => {
      if (error.code === "P2002") return null;
      throw error;
    });
  return created && toSessionUser(created);
}

/** The user whose password this is, or null. Settles the admin role on the way in. */
export async function verifyCredentials({
  email,
  password,
}: {
  email: string;
  password: string;
}): Promise<SessionUser | null> {
  const user = await db.user.findUnique({ where: { email }, select: { ...SELECT, ...ROLE_FACTS, passwordHash: true } });
  if (!user?.passwordHash) {
    decoyHash ??= hashPassword("decoy password that matches nothing");
    await verifyPassword({ password, hash: await decoyHash });
    return null;
  }
  if (!(await verifyPassword({ password, hash: user.passwordHash }))) return null;
  const role = await settleRole(user);
  return { id: user.id, email: user.email, name: user.name, role };
}

/**
 * What whoever opened an account before its address was proved may have left to keep a way in or a
 * line out: its sessions, its pending links (a move to their own address, a reset), a second factor
 * (which would lock the owner out), passkeys (their way back in), and where alerts go besides the address (a phone number, push
 * subscriptions). Run when the address's owner proves it
 * (an OAuth sign-in, a reset link) on an account nobody had confirmed.
 */
export function dropUnprovedAccess(userId: string) {
  return [
    db.userSession.deleteMany({ where: { userId } }),
    db.userToken.deleteMany({ where: { userId, usedAt: null } }),
    db.pushSubscription.deleteMany({ where: { userId } }),
    // A second factor set up by whoever typed the address would lock the owner out of their own account.
    db.userTotp.deleteMany({ where: { userId } }),
    db.recoveryCode.deleteMany({ where: { userId } }),
    // A passkey made by whoever typed the address would be their way back in.
    db.passkey.deleteMany({ where: { userId } }),
    db.user.update({ where: { id: userId }, data: { phoneNumber: null } }),
  ];
}

/**
 * For OAuth sign-ins: the user with this (provider-verified) email, created on first visit. An account
 * someone else opened with this address and never confirmed (a password set by whoever typed the
 * address) loses that password and its sessions: the provider just proved the address belongs to the
 * person signing in, and a pre-registered password must not give a stranger a way in.
 */
export async function findOrCreateOAuthUser({
  email,
  name,
  image,
  now = new Date(),
}: {
  email: string;
  name?: string | null;
  image?: string | null;
  now?: Date;
}): Promise<SessionUser> {
  const existing = await db.user.findUnique({ where: { email }, select: { ...SELECT, ...ROLE_FACTS } });
  if (!existing) {
    const created = await db.user
      .create({
        data: { email, name: name ?? null, image: image ?? null, emailVerified: now, role: "user" },
        select: { ...SELECT, ...ROLE_FACTS },
      })
      .catch(async (error: { code?: string }) => {
        // Two first sign-ins at once: the other made the account.
        if (error.code === "P2002")
          return db.user.findUniqueOrThrow({ where: { email }, select: { ...SELECT, ...ROLE_FACTS } });
        throw error;
      });
    return { id: created.id, email: created.email, name: created.name, role: await settleRole(created) };
  }
  if (existing.emailVerified === null) {
    await db.$transaction([
      db.user.update({ where: { id: existing.id }, data: { emailVerified: now, passwordHash: null } }),
      ...dropUnprovedAccess(existing.id),
    ]);
    await recordAudit({
      action: "email_confirmed",
      userId: existing.id,
      detail: { email, via: "oauth", passwordRemoved: true },
    });
  }
  const role = await settleRole({ ...existing, emailVerified: existing.emailVerified ?? now });
  return { id: existing.id, email: existing.email, name: existing.name, role };
}

export async function getUserById(id: string): Promise<SessionUser | null> {
  if (!z.uuid().safeParse(id).success) return null;
  const user = await db.user.findUnique({ where: { id }, select: { ...SELECT, ...ROLE_FACTS } });
  return user && { id: user.id, email: user.email, name: user.name, role: roleFor(user) };
}

/**
 * `npm run user:admin -- <email>`: admin whatever ADMIN_EMAILS says, until revoked. An address nobody
 * confirmed may have been typed by someone who does not own it, so it is refused unless `force`.
 */
export async function promoteToAdmin({
  email,
  force = false,
  now = new Date(),
}: {
  email: string;
  force?: boolean;
  now?: Date;
}): Promise<"granted" | "unknown" | "unconfirmed"> {
  const user = await db.user.findUnique({ where: { email }, select: { id: true, emailVerified: true } });
  if (!user) return "unknown";
  if (user.emailVerified === null && !force) return "unconfirmed";
  await db.user.update({ where: { id: user.id }, data: { role: "admin", adminGrantedAt: now } });
  await recordAudit({ action: "admin_granted", userId: user.id, detail: { via: "npm run user:admin" }, now });
  return "granted";
}

/**
 * `npm run user:admin -- --revoke <email>`: takes an explicit grant away; the role is then what
 * ADMIN_EMAILS gives. Returns the role left, or null when no user has the email.
 */
export async function revokeAdmin({ email }: { email: string }): Promise<"user" | "admin" | null> {
  const user = await db.user.findUnique({ where: { email }, select: { ...SELECT, ...ROLE_FACTS } });
  if (!user) return null;
  await db.user.update({ where: { id: user.id }, data: { adminGrantedAt: null } });
  const role = await settleRole({ ...user, adminGrantedAt: null });
  await recordAudit({
    action: "admin_revoked",
    userId: user.id,
    detail: { via: "npm run user:admin", roleLeft: role },
  });
  return role;
}
