// Who is asking: the signed-in user for this request, loaded from the database (once per request).
import "server-only";
import { notFound, redirect } from "next/navigation";
import { getServerSession } from "next-auth";
import { cache } from "react";
import { authOptions } from "./options";
import { getUserById, type SessionUser } from "./users";

export const getCurrentUser = cache(async (): Promise<SessionUser | null> => {
  const session = await getServerSession(authOptions);
  const id = (session?.user as { id?: string } | undefined)?.id;
  return id ? getUserById(id) : null;
});

/** The signed-in user; anyone else is sent to sign in. */
export async function requireUser(): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in");
  return user;
}

/** An admin; anyone else sees a 404, so the page's existence is not revealed. */
export async function requireAdmin(): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (user?.role !== "admin") notFound();
  return user;
}
