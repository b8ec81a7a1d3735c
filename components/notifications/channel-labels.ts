// The words for each delivery channel, shared by the digest panel and the channel settings.
import type { DeliveryChannel } from "@/lib/db/vocabulary";

export const CHANNEL_LABELS: Record<DeliveryChannel, string> = { email: "Email", push: "Push", sms: "SMS" };
