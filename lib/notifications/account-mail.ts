// Mail about the person's account itself (a password reset link), not an alert: sent at once on the
// email channel, never batched into a digest nor shown in the bell, and never retried from a queue,
// since the person can ask again. Goes where alerts go (SMTP_URL, else the local outbox).
import "server-only";
import { channelSendersFromEnv } from "./channels";

export async function sendAccountEmail({
  userId,
  email,
  subject,
  text,
}: {
  userId: string;
  email: string;
  subject: string;
  text: string;
}): Promise<void> {
  const sender = channelSendersFromEnv().email;
  if (!sender) throw new Error("No email channel is configured.");
  await sender.send({
    recipient: { userId, email, phoneNumber: null, pushSubscriptions: [] },
    message: { subject, text },
  });
}
