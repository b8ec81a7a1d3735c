// What /verify-email tells the page it sends the person to (`?email=…`): one word in the address, the
// words here, so a crafted link can only pick one of these messages.
import type { NoticeTone } from "@/components/ui/notice";

export const EMAIL_NOTICES = {
  verified: { tone: "success", text: "Your email address is confirmed. Email alerts can reach you now." },
  changed: { tone: "success", text: "Your account now uses its new email address." },
  invalid: {
    tone: "warning",
    text: "That confirmation link has expired or was already used. Ask for a new one from Settings → Security.",
  },
  taken: {
    tone: "warning",
    text: "Another Mingus account uses that address, so yours kept its address. Choose a different one.",
  },
} as const satisfies Record<string, { tone: NoticeTone; text: string }>;

export type EmailNotice = keyof typeof EMAIL_NOTICES;

export function emailNotice(value: string | string[] | undefined): (typeof EMAIL_NOTICES)[EmailNotice] | null {
  return typeof value === "string" && Object.hasOwn(EMAIL_NOTICES, value) ? EMAIL_NOTICES[value as EmailNotice] : null;
}
