// Where a person's alerts can reach them beyond the app: their mobile number for SMS (users.phone_number,
// E.164) and the browsers they turned Web Push on in (push_subscriptions, one row per endpoint).
import "server-only";
import { z } from "zod";
import { findOwnedPushSubscription } from "@/lib/auth/ownership";
import { db } from "@/lib/db";
import { isKnownPushService } from "./channels/push-services";

const E164 = /^\+[1-9][0-9]{6,14}$/;
// What people type between digits: spaces (also non-breaking), dashes, dots, brackets, slashes.
const SEPARATORS = /[\s\u00a0\-.()/]/g;

/** "+1 (555) 010-0199" -> "+15550100199"; a leading 00 (the international prefix) becomes "+". */
export function normalizePhoneNumber(value: string): string {
  const compact = value.replace(SEPARATORS, "");
  return compact.startsWith("00") ? `+${compact.slice(2)}` : compact;
}

/** A mobile number as typed, normalised to E.164; empty means "no number" (null). */
export const phoneNumberSchema = z
  .string()
  .max(40, "That is too long for a phone number.")
  .transform(normalizePhoneNumber)
  .superRefine((value, context) => {
    if (value === "" || E164.test(value)) return;
    const issue = (message: string) => context.addIssue({ code: "custom", message });
    if (!value.startsWith("+")) return issue("Start with + and the country code, like +1 555 010 0199.");
    const digits = value.slice(1);
    if (!/^[0-9]+$/.test(digits)) return issue("Use only digits after the +, like +1 555 010 0199.");
    if (digits.startsWith("0")) return issue("A country code never starts with 0: check the digits after the +.");
    issue("An international number has 7 to 15 digits after the +, including the country code.");
  })
  .transform((value) => (value === "" ? null : value));

// A subscription's endpoint is where the server will POST: only the browsers' push services are taken
// (channels/push-services.ts), so no one can point the server at an address of their choosing.
const base64Url = (name: string, max: number) =>
  z
    .string()
    .trim()
    .min(1, `The browser did not give a ${name} key.`)
    .max(max)
    .regex(/^[A-Za-z0-9_-]+=*$/, `The browser's ${name} key is not base64url.`);

export const pushSubscriptionSchema = z.object({
  endpoint: z
    .string()
    .trim()
    .max(2048, "The push endpoint is too long.")
    .superRefine((value, ctx) => {
      const issue = (message: string) => ctx.addIssue({ code: "custom", message });
      if (URL.parse(value)?.protocol !== "https:") return issue("The push endpoint must be an https:// URL.");
      if (!isKnownPushService(value)) {
        issue("This browser's push service is not one Mingus sends to (Chrome, Firefox, Safari and Edge are).");
      }
    }),
  p256dh: base64Url("p256dh", 200),
  auth: base64Url("auth", 100),
  userAgent: z
    .string()
    .trim()
    .max(512)
    .optional()
    .transform((value) => value || null),
});

export type PushSubscriptionInput = z.infer<typeof pushSubscriptionSchema>;

/** `emailConfirmed`: email alerts wait until it is (docs/security.md, Email addresses). */
export type Contact = { email: string; emailConfirmed: boolean; phoneNumber: string | null };

export type SavedPushSubscription = {
  id: string;
  endpoint: string;
  userAgent: string | null;
  createdAt: Date;
  lastSuccessAt: Date | null;
};

/** The user's email address, whether it is confirmed, and mobile number. */
export async function getContact({ userId }: { userId: string }): Promise<Contact> {
  const user = await db.user.findUniqueOrThrow({
    where: { id: userId },
    select: { email: true, emailVerified: true, phoneNumber: true },
  });
  return { email: user.email, emailConfirmed: user.emailVerified !== null, phoneNumber: user.phoneNumber };
}

/** Stores (or, with null, clears) the user's mobile number; pass a value phoneNumberSchema has parsed. */
export async function savePhoneNumber({
  userId,
  phoneNumber,
}: {
  userId: string;
  phoneNumber: string | null;
}): Promise<string | null> {
  if (phoneNumber !== null && !E164.test(phoneNumber)) throw new Error("savePhoneNumber: not an E.164 number");
  const user = await db.user.update({ where: { id: userId }, data: { phoneNumber }, select: { phoneNumber: true } });
  return user.phoneNumber;
}

/** The browsers the user turned push on in, newest first. */
export async function listPushSubscriptions({ userId }: { userId: string }): Promise<SavedPushSubscription[]> {
  return db.pushSubscription.findMany({
    where: { userId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { id: true, endpoint: true, userAgent: true, createdAt: true, lastSuccessAt: true },
  });
}

/**
 * Saves a browser's subscription for the user. An endpoint is one browser profile, so one the user had
 * already gets its keys refreshed, and one another user had (they shared the browser, then signed out)
 * moves to this user: pushes follow whoever turned push on last.
 */
export async function savePushSubscription({
  userId,
  subscription,
}: {
  userId: string;
  subscription: PushSubscriptionInput;
}): Promise<{ id: string; outcome: "created" | "updated" | "moved" }> {
  const { endpoint, p256dh, auth, userAgent } = subscription;
  return db.$transaction(async (tx) => {
    const existing = await tx.pushSubscription.findUnique({ where: { endpoint }, select: { userId: true } });
    if (existing?.userId === userId) {
      const row = await tx.pushSubscription.update({
        where: { endpoint },
        data: { p256dh, auth, userAgent },
        select: { id: true },
      });
      return { id: row.id, outcome: "updated" as const };
    }
    // upsert, not create: two tabs subscribing at once must not fail on the unique endpoint.
    const row = await tx.pushSubscription.upsert({
      where: { endpoint },
      create: { userId, endpoint, p256dh, auth, userAgent },
      update: { userId, p256dh, auth, userAgent, createdAt: new Date(), lastSuccessAt: null },
      select: { id: true },
    });
    return { id: row.id, outcome: existing ? ("moved" as const) : ("created" as const) };
  });
}

/** Removes one of the user's push subscriptions; false when it is not theirs or already gone. */
export async function removePushSubscription({ userId, id }: { userId: string; id: string }): Promise<boolean> {
  const subscription = await findOwnedPushSubscription({ userId, subscriptionId: id });
  if (!subscription) return false;
  const { count } = await db.pushSubscription.deleteMany({ where: { id: subscription.id, userId } });
  return count === 1;
}
