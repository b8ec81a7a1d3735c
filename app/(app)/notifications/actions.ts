"use server";
// The inbox's actions: mark one notification read, or all of them. The bell in the header counts
// unread ones, so each revalidates the whole layout, not just /notifications.

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authedAction } from "@/lib/auth/action";
import { markAllRead, markRead } from "@/lib/notifications/inbox";

const notificationSchema = z.object({ id: z.string().trim().min(1).max(64) });

export const markNotificationReadAction = authedAction(notificationSchema, async ({ id }, user) => {
  const outcome = await markRead({ userId: user.id, id });
  revalidatePath("/", "layout");
  return { ok: true, message: outcome === "marked" ? "Marked as read." : "Already read." };
});

export const markAllNotificationsReadAction = authedAction(z.object({}), async (_input, user) => {
  const count = await markAllRead({ userId: user.id });
  revalidatePath("/", "layout");
  if (count === 0) return { ok: true, message: "Nothing was unread." };
  return { ok: true, message: `Marked ${count} ${count === 1 ? "notification" : "notifications"} as read.` };
});
