"use server";

import { revalidatePath } from "next/cache";
import { authedAction } from "@/lib/auth/action";
import { notifyUserAlerts } from "@/lib/notifications/notify";
import { saveGlobalPreferences } from "@/lib/preferences/save";
import { globalPreferencesSchema } from "@/lib/preferences/schema";

/** The user's defaults: every field of the form is validated before anything is written. */
export const saveGlobalPreferencesAction = authedAction(globalPreferencesSchema, async (input, user) => {
  await saveGlobalPreferences({ userId: user.id, input });
  await notifyUserAlerts({ userId: user.id });
  // Display preferences change how every page shows amounts and dates.
  revalidatePath("/", "layout");
  return { ok: true, message: "Saved." };
});
