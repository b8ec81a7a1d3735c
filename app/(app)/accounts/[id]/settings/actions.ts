"use server";

import { revalidatePath } from "next/cache";
import { authedAction } from "@/lib/auth/action";
import { notifyUserAlerts } from "@/lib/notifications/notify";
import { saveAccountSettings } from "@/lib/preferences/save";
import { accountSettingsSchema } from "@/lib/preferences/schema";

/** One account's settings and details, all or nothing; another user's account is "not found". */
export const saveAccountSettingsAction = authedAction(
  accountSettingsSchema,
  async ({ bankAccountId, preferences, details }, user) => {
    await saveAccountSettings({ userId: user.id, bankAccountId, preferences, details });
    await notifyUserAlerts({ userId: user.id });
    // The alias, colour and hidden flag show on the account list and the account's own pages.
    revalidatePath("/", "layout");
    return { ok: true, message: "Saved." };
  },
);
