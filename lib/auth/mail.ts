// Mail about the account itself (links, notices), built now and sent after the answer (next/server's
// after), so neither the answer's words nor its time tell what was sent. A failure cannot reach the
// person, who was already answered; the operator sees it in the log.
import "server-only";
import { log } from "@/lib/log";
import { sendAccountEmail } from "@/lib/notifications";

export type LaterMail = () => Promise<void>;

export function mailLater({
  userId,
  email,
  subject,
  lines,
  what,
}: {
  userId: string;
  email: string;
  subject: string;
  lines: string[];
  /** For the log line, e.g. "password reset mail". */
  what: string;
}): LaterMail {
  return async () => {
    try {
      await sendAccountEmail({ userId, email, subject, text: lines.join("\n") });
    } catch (error) {
      log.error({ err: error, userId }, `${what} failed`);
    }
  };
}
