"use server";
// The admin's connection actions. Thin: the session and zod through authedAction, then lib/admin,
// which checks the admin role again from the database before it changes anything.

import { revalidatePath } from "next/cache";
import { z } from "zod";
import {
  checkConnectionHealth,
  pauseConnection,
  resumeConnection,
  retryConnectionSync,
} from "@/lib/admin/connection-actions";
import { authedAction } from "@/lib/auth/action";

const connectionSchema = z.object({ connectionId: z.string().trim().min(1).max(64) });

const RETRY_MESSAGES = {
  queued: { ok: true, message: "Queued: the sync engine picks it up at once." },
  already_queued: { ok: true, message: "Already queued: a sync is waiting to run." },
  paused: { ok: false, message: "Paused: resume the connection before retrying." },
  inactive: { ok: false, message: "This connection is no longer active." },
} as const;

type AdminAction<Result> = (input: { actorId: string; connectionId: string }) => Promise<Result>;

/** One admin form: the connection from the form, the action in lib/admin, the page refreshed, a message. */
function adminForm<Result>(action: AdminAction<Result>, message: (result: Result) => { ok: boolean; message: string }) {
  return authedAction(connectionSchema, async ({ connectionId }, user) => {
    const result = await action({ actorId: user.id, connectionId });
    revalidatePath("/admin");
    return message(result);
  });
}

export const retrySync = adminForm(retryConnectionSync, (result) => RETRY_MESSAGES[result]);

export const pauseSync = adminForm(pauseConnection, (result) => ({
  ok: true,
  message: result === "paused" ? "Paused." : "Already paused.",
}));

export const resumeSync = adminForm(resumeConnection, (result) => ({
  ok: true,
  message: result === "resumed" ? "Resumed." : "It was not paused.",
}));

const HEALTH_MESSAGES = {
  checked: { ok: true, message: "Checked: the bank's status and last update are current." },
  item_failed: { ok: false, message: "Plaid did not answer for this item; the bank's status was still checked." },
  inactive: { ok: false, message: "This connection is no longer active." },
  demo: { ok: false, message: "A demo connection: it has no bank at Plaid to check." },
} as const;

export const checkHealth = adminForm(checkConnectionHealth, (result) => HEALTH_MESSAGES[result]);
