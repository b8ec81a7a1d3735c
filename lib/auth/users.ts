// People who sign in: registration with a hashed password, credential checks that take the same time
// whether or not the email exists, and the admin role from ADMIN_EMAILS.
import "server-only";
import { z } from "zod";
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

function roleFor(email: string, stored: string): "user" | "admin" {
  return stored === "admin" || env.ADMIN_EMAILS.includes(email) ? "admin" : "user";
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
      data: { email: input.email, name: input.name || null, passwordHash, role: roleFor(input.email, "user") },
      select: SELECT,
    })
    .catch((error: { code?: string }) => {
      if (error.code === "P2002") return null;
      throw error;
    });
  return created && toSessionUser(created);
}

/** The user whose password this is, or null. Promotes ADMIN_EMAILS on the way in. */
export async function verifyCredentials({
  email,
  password,
}: {
  email: string;
  password: string;
}): Promise<SessionUser | null> {
  const user = await db.user.findUnique({ where: { email }, select: { ...SELECT, passwordHash: true } });
  if (!user?.passwordHash) {
    decoyHash ??= hashPassword("decoy password that matches nothing");
    await verifyPassword({ password, hash: await decoyHash });
    return null;
  }
  const { passwordHash, ...profile } = user;
  if (!(await verifyPassword({ password, hash: passwordHash }))) return null;
  const role = roleFor(profile.email, profile.role);
  if (role !== profile.role) await db.user.update({ where: { id: profile.id }, data: { role } });
  return toSessionUser({ ...profile, role });
}

/** For OAuth sign-ins: the user with this (provider-verified) email, created on first visit. */
export async function findOrCreateOAuthUser({
  email,
  name,
  image,
}: {
  email: string;
  name?: string | null;
  image?: string | null;
}): Promise<SessionUser> {
  const user = await db.user.upsert({
    where: { email },
    create: {
      email,
      name: name ?? null,
      image: image ?? null,
      emailVerified: new Date(),
      role: roleFor(email, "user"),
    },
    update: {},
    select: SELECT,
  });
  return toSessionUser(user);
}

export async function getUserById(id: string): Promise<SessionUser | null> {
  if (!z.uuid().safeParse(id).success) return null;
  const user = await db.user.findUnique({ where: { id }, select: SELECT });
  return user && toSessionUser({ ...user, role: roleFor(user.email, user.role) });
}

/** `npm run user:admin -- <email>`. */
export async function promoteToAdmin({ email }: { email: string }): Promise<boolean> {
  const result = await db.user.updateMany({ where: { email }, data: { role: "admin" } });
  return result.count === 1;
}
