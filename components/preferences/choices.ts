// The settings chosen from a list, how often to sync and how often to be told, with the label and
// options both settings forms give them (the account's adds "Inherit" in front).
import {
  NOTIFICATION_FREQUENCIES,
  NOTIFICATION_FREQUENCY_LABELS,
  SYNC_FREQUENCIES,
  SYNC_FREQUENCY_LABELS,
} from "@/lib/preferences/options";
import type { CHOICES } from "./inheritable";

type ChoiceField = { label: string; options: readonly { value: string; label: string }[] };

export const CHOICE_FIELDS: Record<(typeof CHOICES)[number], ChoiceField> = {
  syncFrequency: {
    label: "Sync frequency",
    options: SYNC_FREQUENCIES.map((value) => ({ value, label: SYNC_FREQUENCY_LABELS[value] })),
  },
  notificationFrequency: {
    label: "Notification frequency",
    options: NOTIFICATION_FREQUENCIES.map((value) => ({ value, label: NOTIFICATION_FREQUENCY_LABELS[value] })),
  },
};
