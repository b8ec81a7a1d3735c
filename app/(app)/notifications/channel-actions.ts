"use server";
// The notification channels' own settings: the mobile number SMS alerts go to, and the browsers push
// alerts go to. Turning a channel on or off is a preference, saved with the settings form.

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authedAction } from "@/lib/auth/action";
import {
  phoneNumberSchema,
  pushSubscriptionSchema,
  removePushSubscription,
  savePhoneNumber,
  savePushSubscription,
} from "@/lib/notifications/contact";

const phoneSchema = z.object({ phoneNumber: phoneNumberSchema });

/** Hands back the number as stored (normalised to E.164), so the field shows what was saved. */
export const savePhoneNumberAction = authedAction<typeof phoneSchema, { phoneNumber: string | null }>(
  phoneSchema,
  async ({ phoneNumber }, user) => {
    const saved = await savePhoneNumber({ userId: user.id, phoneNumber });
    revalidatePath("/settings");
    return { ok: true, message: saved ? "Number saved." : "Number removed.", data: { phoneNumber: saved } };
  },
);

export const savePushSubscriptionAction = authedAction(pushSubscriptionSchema, async (subscription, user) => {
  await savePushSubscription({ userId: user.id, subscription });
  revalidatePath("/settings");
  return { ok: true, message: "Push is on in this browser." };
});

export const removePushSubscriptionAction = authedAction(
  z.object({ id: z.string().trim().min(1).max(64) }),
  async ({ id }, user) => {
    const removed = await removePushSubscription({ userId: user.id, id });
    revalidatePath("/settings");
    return { ok: true, message: removed ? "Removed." : "That browser was already removed." };
  },
);
