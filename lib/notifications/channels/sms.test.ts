// SMS through Twilio's Messages API, against a local server speaking its shape: the request (path, Basic
// auth, form fields), the SID back, and Twilio's refusals sorted into "retry" and "rejected" without the
// auth token ever showing.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { createSmsSender, createTwilioProvider, SMS_MAX_CHARACTERS } from "./sms";
import { closedPort, type RecordingServer, rejectionOf, startRecordingServer } from "./test-http-server";
import { DeliveryError, type Recipient } from "./types";

const ACCOUNT_SID = "AC0123456789abcdef0123456789abcdef";
const AUTH_TOKEN = "tw-auth-token-5f1c9a7e";
const FROM = "+15005550006";
const MESSAGES_PATH = `/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`;

const recipient: Recipient = {
  userId: "u1",
  email: "ana@example.com",
  phoneNumber: "+14155550123",
  pushSubscriptions: [],
};
const message = { subject: "Low balance", text: "Checking is down to $42.10." };

let twilio: RecordingServer;

function twilioError(status: number, code: number, text: string, headers: Record<string, string> = {}) {
  return {
    status,
    headers: { "Content-Type": "application/json", ...headers },
    body: JSON.stringify({ code, message: text, more_info: `https://www.twilio.com/docs/errors/${code}`, status }),
  };
}

function senderFor(apiUrl: string) {
  return createSmsSender(createTwilioProvider({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, from: FROM, apiUrl }));
}

async function failure(promise: Promise<unknown>): Promise<DeliveryError> {
  const error = await rejectionOf(promise);
  expect(error).toBeInstanceOf(DeliveryError);
  expect((error as Error).message).not.toContain(AUTH_TOKEN);
  return error as DeliveryError;
}

beforeAll(async () => {
  twilio = await startRecordingServer();
});
afterAll(() => twilio.close());
beforeEach(() => {
  twilio.requests.length = 0;
  twilio.respondWith(() => ({ status: 201, body: JSON.stringify({ sid: "SM11111111111111111111111111111111" }) }));
});

describe("createSmsSender with Twilio", () => {
  test("posts the form to the account's Messages resource with Basic auth and returns the SID", async () => {
    const result = await senderFor(`${twilio.url}/`).send({ recipient, message });

    expect(result).toEqual({ providerId: "SM11111111111111111111111111111111" });
    expect(twilio.requests).toHaveLength(1);
    const [request] = twilio.requests;
    expect(request?.method).toBe("POST");
    expect(request?.path).toBe(MESSAGES_PATH);
    expect(request?.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    const [scheme, credentials] = (request?.headers.authorization ?? "").split(" ");
    expect(scheme).toBe("Basic");
    expect(Buffer.from(credentials ?? "", "base64").toString()).toBe(`${ACCOUNT_SID}:${AUTH_TOKEN}`);
    const form = new URLSearchParams(request?.body.toString());
    expect(Object.fromEntries(form)).toEqual({ To: "+14155550123", From: FROM, Body: message.text });
  });

  test("compacts whitespace and cuts a long text to the SMS limit", async () => {
    const long = `Three new charges:\n\n  Coffee   $4.50\n${"Groceries $12.00 ".repeat(40)}`;
    await senderFor(twilio.url).send({ recipient, message: { subject: "Charges", text: long } });

    const body = new URLSearchParams(twilio.requests[0]?.body.toString()).get("Body") ?? "";
    expect(body.startsWith("Three new charges:\nCoffee $4.50\nGroceries $12.00 Groceries")).toBe(true);
    expect(body.length).toBeLessThanOrEqual(SMS_MAX_CHARACTERS);
    expect(body.length).toBeGreaterThan(SMS_MAX_CHARACTERS - 20);
    expect(body.endsWith("...")).toBe(true);
  });

  test("skips a recipient without a phone number and calls nobody", async () => {
    const error = await failure(
      senderFor(twilio.url).send({ recipient: { ...recipient, phoneNumber: null }, message }),
    );
    expect(error.kind).toBe("skipped");
    expect(error.message).toBe("No phone number for SMS");
    expect(twilio.requests).toHaveLength(0);
  });

  test("a 400 (invalid number) is rejected with Twilio's code and words", async () => {
    twilio.respondWith(() => twilioError(400, 21211, "The 'To' number +14155550123 is not a valid phone number."));
    const error = await failure(senderFor(twilio.url).send({ recipient, message }));
    expect(error.kind).toBe("rejected");
    expect(error.message).toBe(
      "Twilio refused the message (21211: The 'To' number +14155550123 is not a valid phone number.)",
    );
  });

  test("a 429 is retried after the Retry-After Twilio gives", async () => {
    twilio.respondWith(() => twilioError(429, 20429, "Too Many Requests", { "Retry-After": "30" }));
    const error = await failure(senderFor(twilio.url).send({ recipient, message }));
    expect(error.kind).toBe("retry");
    expect(error.retryAfterMs).toBe(30_000);
    expect(error.message).toContain("20429: Too Many Requests");
  });

  test("a 500 without a body is retried with no delay suggested", async () => {
    twilio.respondWith(() => ({ status: 500, body: "upstream exploded" }));
    const error = await failure(senderFor(twilio.url).send({ recipient, message }));
    expect(error.kind).toBe("retry");
    expect(error.retryAfterMs).toBeNull();
    expect(error.message).toBe("Twilio refused the message (HTTP 500)");
  });

  test("an answer that echoes the auth token is redacted", async () => {
    twilio.respondWith(() => twilioError(401, 20003, `Authenticate failed for ${ACCOUNT_SID}:${AUTH_TOKEN}`));
    const error = await failure(senderFor(twilio.url).send({ recipient, message }));
    expect(error.kind).toBe("rejected");
    expect(error.message).toContain("20003: Authenticate failed for");
    expect(error.message).toContain("[redacted]");
  });

  test("a success without a SID is not sent again (it may have gone out)", async () => {
    twilio.respondWith(() => ({ status: 201, body: "<html>proxy page</html>" }));
    const error = await failure(senderFor(twilio.url).send({ recipient, message }));
    expect(error.kind).toBe("rejected");
    expect(error.message).toBe("Twilio accepted the request but returned no message SID");
  });

  test("a Twilio nobody answers at is retried", async () => {
    const port = await closedPort();
    const error = await failure(senderFor(`http://127.0.0.1:${port}`).send({ recipient, message }));
    expect(error.kind).toBe("retry");
    expect(error.message).toBe("Couldn't reach Twilio (ECONNREFUSED)");
  });
});
