"use server";
// "Sync now": the session and zod through authedAction, then lib/sync, which checks ownership and joins
// a run already going. The browser then follows the run through GET /api/connections/<id>/sync.

import { z } from "zod";
import { authedAction } from "@/lib/auth/action";
import { type SyncNowResult, startManualSync } from "@/lib/sync";

const schema = z.object({ connectionId: z.string().trim().min(1).max(64) });

export type SyncNowData = { result: SyncNowResult; syncId: string | null };

export const syncNowAction = authedAction<typeof schema, SyncNowData>(schema, async ({ connectionId }, user) => {
  const { result, syncId, institutionName } = await startManualSync({ userId: user.id, connectionId });
  const data = { result, syncId };
  switch (result) {
    case "started":
      return { ok: true, message: `Syncing ${institutionName}…`, data };
    case "joined":
      return { ok: true, message: `${institutionName} is already syncing.`, data };
    case "paused":
      return {
        ok: false,
        message: `Syncing ${institutionName} is paused by an administrator. It will sync again once they resume it.`,
        data,
      };
    case "needs_reconnect":
      return {
        ok: false,
        message: `${institutionName} needs you to sign in again. Reconnect it on your accounts page, then sync.`,
        data,
      };
    case "access_revoked":
      return {
        ok: false,
        message: `Access to ${institutionName} was revoked, so it cannot sync. Reconnect it to restore access, or remove it; its accounts and history stay as they were.`,
        data,
      };
    case "inactive":
      return { ok: false, message: `${institutionName} is no longer linked.`, data };
  }
});
