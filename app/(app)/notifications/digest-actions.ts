"use server";
// "Send now" on the digest panel: the user's waiting digests go out now instead of at the end of
// their period.

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authedAction } from "@/lib/auth/action";
import { sendDigestsNow } from "@/lib/notifications/delivery/digests";

export const sendDigestsNowAction = authedAction(z.object({}), async (_input, user) => {
  const { sent } = await sendDigestsNow(user.id);
  revalidatePath("/notifications");
  if (sent === 0) return { ok: true, message: "No digest was waiting." };
  return { ok: true, message: `Sending ${sent} ${sent === 1 ? "digest" : "digests"} now.` };
});
