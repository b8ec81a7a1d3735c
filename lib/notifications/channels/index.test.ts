// Which channels a server has, from its settings: email always (SMTP or the outbox), push and SMS only
// with their credentials, a bad VAPID pair turning push off, and settings words that never hold a secret.

import { describe, expect, test } from "vitest";
import webpush from "web-push";
import { parseEnv } from "@/lib/env";
import { createChannelSenders, describeChannels } from "./index";

const vapid = webpush.generateVAPIDKeys();
const PUSH = {
  VAPID_PUBLIC_KEY: vapid.publicKey,
  VAPID_PRIVATE_KEY: vapid.privateKey,
  VAPID_SUBJECT: "mailto:ops@mingus.test",
};
const TWILIO = {
  TWILIO_ACCOUNT_SID: "AC0123456789abcdef0123456789abcdef",
  TWILIO_AUTH_TOKEN: "tw-auth-token-5f1c9a7e",
  TWILIO_FROM_NUMBER: "+15005550006",
};

describe("createChannelSenders", () => {
  test("with nothing configured: email to the outbox, no push, no SMS", async () => {
    const { senders, close } = createChannelSenders(parseEnv({}));
    expect(senders.email?.channel).toBe("email");
    expect(senders.push).toBeNull();
    expect(senders.sms).toBeNull();
    await close();
  });

  test("with VAPID keys and Twilio credentials: every channel", async () => {
    const { senders, close, pushProblem } = createChannelSenders(parseEnv({ ...PUSH, ...TWILIO }));
    expect([senders.email?.channel, senders.push?.channel, senders.sms?.channel]).toEqual(["email", "push", "sms"]);
    expect(pushProblem).toBeNull();
    await close();
  });

  test("a VAPID pair whose halves do not match turns push off, and says so", async () => {
    // lib/env.ts refuses such a pair at start; past it (settings built by hand), push still stays off.
    const settings = { ...parseEnv(PUSH), VAPID_PUBLIC_KEY: webpush.generateVAPIDKeys().publicKey };
    const { senders, close, pushProblem } = createChannelSenders(settings);
    expect(senders.push).toBeNull();
    expect(describeChannels(settings, pushProblem).push).toEqual({
      configured: false,
      detail: "Push is turned off on this server: VAPID_PUBLIC_KEY is not the public half of VAPID_PRIVATE_KEY.",
    });
    await close();
  });
});

describe("describeChannels", () => {
  test("says what is missing when nothing is configured", () => {
    expect(describeChannels(parseEnv({}))).toEqual({
      email: {
        configured: true,
        detail: "No SMTP server is configured: messages are written to the local outbox (.data/outbox).",
      },
      push: { configured: false, detail: "Push isn't set up on this server (VAPID keys missing)." },
      sms: { configured: false, detail: "SMS isn't set up on this server (Twilio credentials missing)." },
    });
  });

  test("names the SMTP host and port and the sending number, never a credential", () => {
    const status = describeChannels(
      parseEnv({ SMTP_URL: "smtp://mailer:hunter2@smtp.example.com:2525", ...PUSH, ...TWILIO }),
    );
    expect(status.email).toEqual({ configured: true, detail: "Sent through smtp.example.com:2525." });
    expect(status.push.configured).toBe(true);
    expect(status.sms).toEqual({ configured: true, detail: "Sent through Twilio from +15005550006." });
    const words = JSON.stringify(status);
    for (const secret of ["hunter2", "mailer", vapid.privateKey, TWILIO.TWILIO_AUTH_TOKEN, TWILIO.TWILIO_ACCOUNT_SID]) {
      expect(words).not.toContain(secret);
    }
  });
});
