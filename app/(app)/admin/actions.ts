"use server";
// The admin's connection actions. Thin: the session and zod through authedAction, then lib/admin,
// which checks the admin role again from the database before it changes anything.

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { pauseConnection, resumeConnection, retryConnectionSync } from "@/lib/admin/connection-actions";
import { authedAction } from "@/lib/auth/action";

const connectionSchema = z.object({ connectionId: z.string().trim().min(1).max(64) });

const RETRY_MESSAGES = {
  queued: { ok: true, message: "Queued: the sync engine picks it up at once." },
  already_queued: { ok: true, message: "Already queued: a sync is waiting to run." },
  paused: { ok: false, message: "Paused: resume the connection before retrying." },
  inactive: { ok: false, message: "This connection is no longer active." },
} as const;

export const retrySync = authedAction(connectionSchema, async ({ connectionId }, user) => {
  const result = await retryConnectionSync({ actorId: user.id, connectionId });
  revalidatePath("/admin");
  return RETRY_MESSAGES[result];
});

export const pauseSync = authedAction(connectionSchema, async ({ connectionId }, user) => {
  const result = await pauseConnection({ actorId: user.id, connectionId });
  revalidatePath("/admin");
  return { ok: true, message: result === "paused" ? "Paused." : "Already paused." };
});

export const resumeSync = authedAction(connectionSchema, async ({ connectionId }, user) => {
  const result = await resumeConnection({ actorId: user.id, connectionId });
  revalidatePath("/admin");
  return { ok: true, message: result === "resumed" ? "Resumed." : "It was not paused." };
});
