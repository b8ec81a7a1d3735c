// Delivering alert messages through a real SMTP server and a Twilio-shaped HTTP endpoint on loopback:
// once per channel, retried with backoff, given up on permanent failures, digests at their period's end.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createPreferences, createUserWithAccount } from "@/lib/test/factories";
import { startSmtpServer, type TestSmtpServer } from "@/lib/test/smtp";
import { createEmailSender } from "../channels/email";
import { createSmsSender, createTwilioProvider } from "../channels/sms";
import { type RecordingServer, startRecordingServer } from "../channels/test-http-server";
import { evaluateConnectionAlerts } from "../evaluate";
import { type DeliveryOutcome, deliverMessage, MAX_ATTEMPTS, type Senders } from "./deliver";
import { pendingDigests, sendDigestsNow } from "./digests";
import { STALE_SENDING_MS, sweepNotificationMessages } from "./sweep";

let smtp: TestSmtpServer;
let twilio: RecordingServer;
let senders: Senders & { email: ReturnType<typeof createEmailSender> };
const APP_URL = "http://mingus.test";

beforeAll(async () => {
  smtp = await startSmtpServer();
  twilio = await startRecordingServer(() => ({ status: 201, body: JSON.stringify({ sid: "SM0001" }) }));
  senders = {
    email: createEmailSender({ smtpUrl: smtp.url, from: "Mingus <alerts@mingus.test>", outboxDir: "/nonexistent" }),
    push: null,
    sms: createSmsSender(
      createTwilioProvider({
        accountSid: "AC123",
        authToken: "secret-token",
        from: "+15005550006",
        apiUrl: twilio.url,
      }),
    ),
  };
});

afterAll(async () => {
  await senders.email.close();
  await smtp.close();
  await twilio.close();
});

beforeEach(() => {
  smtp.received.length = 0;
  smtp.refuseWith(() => null);
});

const NOON = new Date("2026-11-24T12:00:00Z");

/** A person whose checking account is already below their low-balance threshold: one alert. */
async function alertedPerson(preferences: Record<string, unknown> = {}, now = NOON) {
  const made = await createUserWithAccount({
    availableBalance: "10.00",
    currentBalance: "10.00",
    mask: "0000",
    lastSyncAt: new Date("2026-11-24T07:00:00Z"),
  });
  await createPreferences({ userId: made.user.id, lowBalanceAlert: true, lowBalanceThreshold: "100", ...preferences });
  const result = await evaluateConnectionAlerts({
    connectionId: made.connection.id,
    now,
    channels: new Set(["email", "sms"]),
  });
  return { ...made, result };
}

const deliver = (messageId: string, now = NOON): Promise<DeliveryOutcome> =>
  deliverMessage({ messageId, senders, now, appUrl: APP_URL });

const mailTo = (email: string) =>
  smtp.received.filter((mail) => (Array.isArray(mail.to) ? mail.to : [mail.to]).some((to) => to?.text.includes(email)));

describe("immediate messages", () => {
  it("an alert is emailed once, with what happened and a link, and the attempt is logged", async () => {
    const { user, account, result } = await alertedPerson();
    const [messageId] = result.dueMessageIds;
    expect(messageId).toBeDefined();
    expect(await deliver(messageId as string)).toMatchObject({ outcome: "sent" });
    expect(await deliver(messageId as string)).toEqual({ outcome: "not_due" });

    const mails = mailTo(user.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]?.subject).toContain("Low balance");
    expect(mails[0]?.text).toContain("$10.00");
    expect(mails[0]?.text).toContain(`${APP_URL}/accounts/${account.id}`);
    const message = await db.notificationMessage.findUniqueOrThrow({
      where: { id: messageId },
      include: { attemptsLog: true },
    });
    expect(message).toMatchObject({ status: "sent", attempts: 1, lastError: null });
    expect(message.sentAt).toEqual(NOON);
    expect(message.attemptsLog.map((a) => [a.attempt, a.outcome, a.channel])).toEqual([[1, "sent", "email"]]);
  });

  it("two workers delivering the same message at once send it once", async () => {
    const { user, result } = await alertedPerson();
    const id = result.dueMessageIds[0] as string;
    const outcomes = await Promise.all([deliver(id), deliver(id), deliver(id)]);
    expect(outcomes.filter((o) => o.outcome === "sent")).toHaveLength(1);
    expect(mailTo(user.email)).toHaveLength(1);
  });

  it("SMS goes to the person's number through the Twilio API, and without a number is skipped", async () => {
    const { user, result } = await alertedPerson({ emailNotifications: false, smsNotifications: true });
    const id = result.dueMessageIds[0] as string;
    expect(await deliver(id)).toMatchObject({ outcome: "cancelled", error: expect.stringContaining("phone") });

    await db.user.update({ where: { id: user.id }, data: { phoneNumber: "+15551234567" } });
    const again = await alertedPersonSecondAlert(user.id);
    expect(await deliver(again.messageId as string, again.at)).toEqual({ outcome: "sent", providerId: "SM0001" });
    const form = new URLSearchParams(twilio.requests.at(-1)?.body.toString());
    expect(form.get("To")).toBe("+15551234567");
    expect(form.get("Body")).toContain("Low balance");
  });

  it("a transient failure is retried with backoff, then delivered once", async () => {
    const { user, result } = await alertedPerson();
    const id = result.dueMessageIds[0] as string;
    smtp.refuseWith((attempt) => (attempt === 1 ? { responseCode: 451, message: "Try again later" } : null));
    const first = await deliver(id);
    expect(first.outcome).toBe("retry");
    const retryAt = (first as { retryAt: Date }).retryAt;
    expect(retryAt.getTime()).toBeGreaterThan(NOON.getTime());
    expect(await deliver(id, NOON)).toEqual({ outcome: "not_due" });
    expect(await deliver(id, retryAt)).toMatchObject({ outcome: "sent" });
    expect(mailTo(user.email)).toHaveLength(1);
    const attempts = await db.notificationDeliveryAttempt.findMany({
      where: { messageId: id },
      orderBy: { attempt: "asc" },
    });
    expect(attempts.map((a) => [a.attempt, a.outcome])).toEqual([
      [1, "failed"],
      [2, "sent"],
    ]);
    expect(attempts[0]?.error).toContain("451");
  });

  it("gives up after the last attempt, and at once on a permanent refusal", async () => {
    const transient = await alertedPerson();
    smtp.refuseWith(() => ({ responseCode: 451, message: "Try again later" }));
    let at = NOON;
    let outcome: DeliveryOutcome = { outcome: "not_due" };
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      outcome = await deliver(transient.result.dueMessageIds[0] as string, at);
      if (outcome.outcome === "retry") at = outcome.retryAt;
    }
    expect(outcome.outcome).toBe("failed");
    expect(
      await db.notificationDeliveryAttempt.count({ where: { messageId: transient.result.dueMessageIds[0] } }),
    ).toBe(MAX_ATTEMPTS);

    const permanent = await alertedPerson();
    smtp.refuseWith(() => ({ responseCode: 550, message: "No such mailbox" }));
    expect(await deliver(permanent.result.dueMessageIds[0] as string)).toMatchObject({ outcome: "failed" });
    const [attempt] = await db.notificationDeliveryAttempt.findMany({
      where: { messageId: permanent.result.dueMessageIds[0] },
    });
    expect(attempt?.outcome).toBe("rejected");
  });

  it("a channel turned off after the alert sends nothing", async () => {
    const { user, result } = await alertedPerson();
    await db.bankingPreferences.updateMany({ where: { userId: user.id }, data: { emailNotifications: false } });
    expect(await deliver(result.dueMessageIds[0] as string)).toMatchObject({ outcome: "cancelled" });
    expect(mailTo(user.email)).toHaveLength(0);
  });
});

/** A second low-balance alert for the user, two minutes after noon: the balance recovers, then drops again. */
async function alertedPersonSecondAlert(userId: string): Promise<{ messageId: string | undefined; at: Date }> {
  const account = await db.bankAccount.findFirstOrThrow({ where: { userId } });
  const connectionId = account.plaidConnectionId;
  if (!connectionId) throw new Error("The alerted person's account is a linked one.");
  await db.bankAccount.update({ where: { id: account.id }, data: { availableBalance: "500.00" } });
  await evaluateConnectionAlerts({
    connectionId,
    now: new Date(NOON.getTime() + 60_000),
    channels: new Set(["email", "sms"]),
  });
  await db.bankAccount.update({ where: { id: account.id }, data: { availableBalance: "5.00" } });
  const at = new Date(NOON.getTime() + 120_000);
  const result = await evaluateConnectionAlerts({
    connectionId,
    now: at,
    channels: new Set(["email", "sms"]),
  });
  return { messageId: result.dueMessageIds[0], at };
}

describe("digests", () => {
  it("a day's alerts arrive as one email at the day's end, once", async () => {
    const morning = new Date("2026-11-24T08:00:00Z");
    const { user, result } = await alertedPerson({ notificationFrequency: "daily" }, morning);
    expect(result.dueMessageIds).toEqual([]);
    const second = await alertedPersonSecondAlert(user.id);
    expect(second.messageId).toBeUndefined();
    const [digest] = await db.notificationMessage.findMany({ where: { userId: user.id } });
    expect(await pendingDigests(user.id, { now: morning })).toEqual([
      { channel: "email", frequency: "daily", periodEnd: new Date("2026-11-25T00:00:00Z"), count: 2 },
    ]);

    const beforeEnd = new Date("2026-11-24T23:59:00Z");
    expect(await sweepNotificationMessages({ now: beforeEnd })).not.toContain(digest?.id);
    expect(await deliver(digest?.id as string, beforeEnd)).toEqual({ outcome: "not_due" });

    const end = new Date("2026-11-25T00:00:30Z");
    expect(await sweepNotificationMessages({ now: end })).toContain(digest?.id);
    expect(await deliver(digest?.id as string, end)).toMatchObject({ outcome: "sent" });
    expect(await sweepNotificationMessages({ now: end })).not.toContain(digest?.id);
    expect(await deliver(digest?.id as string, end)).toEqual({ outcome: "not_due" });

    const mails = mailTo(user.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]?.subject).toMatch(/daily/i);
    expect(mails[0]?.subject).toContain("2");
    expect(await pendingDigests(user.id, { now: morning })).toEqual([]);
  });

  it("Send now makes the waiting digest due at once; a later alert starts the next digest", async () => {
    const { user } = await alertedPerson({ notificationFrequency: "weekly" });
    expect(await sendDigestsNow(user.id, { now: NOON })).toEqual({ sent: 1 });
    const [digest] = await db.notificationMessage.findMany({ where: { userId: user.id } });
    expect(await deliver(digest?.id as string, NOON)).toMatchObject({ outcome: "sent" });
    expect(await sendDigestsNow(user.id, { now: NOON })).toEqual({ sent: 0 });

    await alertedPersonSecondAlert(user.id);
    const messages = await db.notificationMessage.findMany({
      where: { userId: user.id },
      orderBy: { createdAt: "asc" },
    });
    expect(messages.map((m) => m.status)).toEqual(["sent", "pending"]);
    expect(messages[1]?.dedupeKey).toMatch(/:2$/);
  });
});

describe("the sweep", () => {
  it("hands a message left sending by a dead worker out again", async () => {
    const { result } = await alertedPerson();
    const id = result.dueMessageIds[0] as string;
    await db.notificationMessage.update({ where: { id }, data: { status: "sending", lockedAt: NOON } });
    expect(await sweepNotificationMessages({ now: new Date(NOON.getTime() + 60_000) })).not.toContain(id);
    const later = new Date(NOON.getTime() + STALE_SENDING_MS + 60_000);
    expect(await sweepNotificationMessages({ now: later })).toContain(id);
    expect(await deliver(id, later)).toMatchObject({ outcome: "sent" });
  });

  // The security issue: email alerts wait for a confirmed address, so nobody can point alerts at a
  // stranger's mailbox by signing up with it.
  it("leaves email to an unconfirmed address waiting, and hands it out once the address is confirmed", async () => {
    const { user, result } = await alertedPerson();
    await db.user.update({ where: { id: user.id }, data: { emailVerified: null } });
    const messages = await db.notificationMessage.findMany({ where: { id: { in: result.dueMessageIds } } });
    const email = messages.find((message) => message.channel === "email")?.id as string;
    expect(await deliver(email)).toEqual({ outcome: "not_due" });
    expect(mailTo(user.email)).toHaveLength(0);
    expect(await db.notificationMessage.findUniqueOrThrow({ where: { id: email } })).toMatchObject({
      status: "pending",
      attempts: 0,
    });
    const later = new Date(NOON.getTime() + 60_000);
    expect(await sweepNotificationMessages({ now: later })).not.toContain(email);

    await db.user.update({ where: { id: user.id }, data: { emailVerified: later } });
    expect(await sweepNotificationMessages({ now: later })).toContain(email);
    expect(await deliver(email, later)).toMatchObject({ outcome: "sent" });
    expect(mailTo(user.email)).toHaveLength(1);
  });
});
