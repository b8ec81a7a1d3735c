// Web Push against a local push service: the request carries a VAPID JWT that verifies against our
// public key for the endpoint's origin, and a body only the browser's keys decrypt (RFC 8291, aes128gcm).
// Then the push service's answers: gone subscriptions reported, 5xx and 429 retried, no browser skipped.
import { createECDH, randomBytes } from "node:crypto";
import { createRequire } from "node:module";
import { decodeProtectedHeader, importJWK, jwtVerify } from "jose";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import webpush from "web-push";
import { buildPushPayload, createPushSender } from "./push";
import { type CannedResponse, type RecordingServer, rejectionOf, startRecordingServer } from "./test-http-server";
import { DeliveryError, type PushSubscriptionKeys, type Recipient } from "./types";

// http_ece ships no types; the one call the test makes.
const ece = createRequire(import.meta.url)("http_ece") as {
  decrypt(
    body: Buffer,
    params: { version: "aes128gcm"; privateKey: ReturnType<typeof createECDH>; authSecret: string },
  ): Buffer;
};

const SUBJECT = "mailto:alerts@mingus.test";
const vapid = webpush.generateVAPIDKeys();

type Browser = { subscription: PushSubscriptionKeys; keys: ReturnType<typeof createECDH> };

let pushService: RecordingServer;

/** A browser's subscription: its own P-256 key pair and auth secret, at an endpoint on the local server. */
function subscribeBrowser(id: string): Browser {
  const keys = createECDH("prime256v1");
  keys.generateKeys();
  return {
    keys,
    subscription: {
      id,
      endpoint: `${pushService.url}/push/${id}`,
      p256dh: keys.getPublicKey().toString("base64url"),
      auth: randomBytes(16).toString("base64url"),
    },
  };
}

function recipientWith(browsers: Browser[]): Recipient {
  return {
    userId: "u1",
    email: "ana@example.com",
    phoneNumber: null,
    pushSubscriptions: browsers.map((b) => b.subscription),
  };
}

function sender() {
  return createPushSender({ ...vapid, subject: SUBJECT, allowAnyEndpoint: true });
}

function answerBy(statuses: Record<string, CannedResponse>): void {
  pushService.respondWith((request) => statuses[request.path.split("/").pop() ?? ""] ?? { status: 500 });
}

async function failure(promise: Promise<unknown>): Promise<DeliveryError> {
  const error = await rejectionOf(promise);
  expect(error).toBeInstanceOf(DeliveryError);
  expect((error as Error).message).not.toContain(vapid.privateKey);
  return error as DeliveryError;
}

const message = { subject: "Large charge", text: "$1,250.00 at Acme Furniture", url: "/notifications", tag: "n-1" };

beforeAll(async () => {
  pushService = await startRecordingServer();
});
afterAll(() => pushService.close());
beforeEach(() => {
  pushService.requests.length = 0;
});

describe("createPushSender", () => {
  test("sends a VAPID-signed, encrypted payload the browser can read", async () => {
    const browser = subscribeBrowser("sub-1");
    pushService.respondWith(() => ({ status: 201, headers: { Location: `${pushService.url}/message/m-77` } }));

    const result = await sender().send({ recipient: recipientWith([browser]), message });

    expect(result).toEqual({ providerId: `${pushService.url}/message/m-77`, expiredSubscriptionIds: [] });
    const [request] = pushService.requests;
    expect(request?.path).toBe("/push/sub-1");
    expect(request?.headers["content-encoding"]).toBe("aes128gcm");
    expect(request?.headers.ttl).toBe("86400");
    expect(request?.headers.urgency).toBe("normal");

    const match = /^vapid t=([^,]+), k=(.+)$/.exec(request?.headers.authorization ?? "");
    expect(match?.[2]).toBe(vapid.publicKey);
    const point = Buffer.from(vapid.publicKey, "base64url");
    const key = await importJWK(
      {
        kty: "EC",
        crv: "P-256",
        x: point.subarray(1, 33).toString("base64url"),
        y: point.subarray(33).toString("base64url"),
      },
      "ES256",
    );
    const token = match?.[1] ?? "";
    expect(decodeProtectedHeader(token).alg).toBe("ES256");
    const { payload: claims } = await jwtVerify(token, key, { audience: pushService.url, algorithms: ["ES256"] });
    expect(claims.sub).toBe(SUBJECT);

    const plaintext = ece.decrypt(request?.body ?? Buffer.alloc(0), {
      version: "aes128gcm",
      privateKey: browser.keys,
      authSecret: browser.subscription.auth,
    });
    expect(JSON.parse(plaintext.toString())).toEqual({
      title: "Large charge",
      body: "$1,250.00 at Acme Furniture",
      url: "/notifications",
      tag: "n-1",
    });
  });

  test("a gone subscription (410) is reported while another browser still gets the message", async () => {
    const [gone, alive] = [subscribeBrowser("gone"), subscribeBrowser("alive")];
    answerBy({ gone: { status: 410 }, alive: { status: 201 } });

    const result = await sender().send({ recipient: recipientWith([gone, alive]), message });

    expect(result).toEqual({ providerId: null, expiredSubscriptionIds: ["gone"] });
    expect(pushService.requests.map((r) => r.path).sort()).toEqual(["/push/alive", "/push/gone"]);
  });

  test("when every subscription is gone (404, 410) the message is skipped and all are reported", async () => {
    answerBy({ a: { status: 404 }, b: { status: 410 } });
    const error = await failure(
      sender().send({ recipient: recipientWith([subscribeBrowser("a"), subscribeBrowser("b")]), message }),
    );
    expect(error.kind).toBe("skipped");
    expect(error.expiredSubscriptionIds.sort()).toEqual(["a", "b"]);
  });

  test("a 500 is retried, reporting the gone ones beside it; a 429 waits for its Retry-After", async () => {
    answerBy({ down: { status: 500, body: "try later" }, gone: { status: 410 } });
    const down = await failure(
      sender().send({ recipient: recipientWith([subscribeBrowser("down"), subscribeBrowser("gone")]), message }),
    );
    expect(down.kind).toBe("retry");
    expect(down.retryAfterMs).toBeNull();
    expect(down.expiredSubscriptionIds).toEqual(["gone"]);
    expect(down.message).toBe(`The push service ${new URL(pushService.url).host} answered 500: try later`);
    expect(down.message).not.toContain("/push/");

    answerBy({ busy: { status: 429, headers: { "Retry-After": "120" } } });
    const busy = await failure(sender().send({ recipient: recipientWith([subscribeBrowser("busy")]), message }));
    expect(busy.kind).toBe("retry");
    expect(busy.retryAfterMs).toBe(120_000);
  });

  test("a push service that does not answer in time is retried", async () => {
    pushService.respondWith(() => "hang");
    const slow = createPushSender({ ...vapid, subject: SUBJECT, allowAnyEndpoint: true, timeoutMs: 250 });
    const error = await failure(slow.send({ recipient: recipientWith([subscribeBrowser("slow")]), message }));
    expect(error.kind).toBe("retry");
    expect(error.message).toBe(`${new URL(pushService.url).host} didn't answer within 0.25 s`);
  });

  test("another 4xx (a refused VAPID signature) is rejected", async () => {
    answerBy({ refused: { status: 403, body: "invalid JWT" } });
    const error = await failure(sender().send({ recipient: recipientWith([subscribeBrowser("refused")]), message }));
    expect(error.kind).toBe("rejected");
    expect(error.message).toContain("answered 403: invalid JWT");
  });

  test("no subscription at all is skipped without a request", async () => {
    const error = await failure(sender().send({ recipient: recipientWith([]), message }));
    expect(error.kind).toBe("skipped");
    expect(error.message).toBe("No browser has push turned on");
    expect(pushService.requests).toHaveLength(0);
  });

  test("sends only to the browsers' push services unless told otherwise", async () => {
    const https = createPushSender({ ...vapid, subject: SUBJECT });
    const error = await failure(https.send({ recipient: recipientWith([subscribeBrowser("plain")]), message }));
    expect(error.kind).toBe("rejected");
    expect(pushService.requests).toHaveLength(0);
  });

  test("refuses a key pair whose halves do not match, without printing the private key", () => {
    const other = webpush.generateVAPIDKeys();
    expect(() =>
      createPushSender({ publicKey: other.publicKey, privateKey: vapid.privateKey, subject: SUBJECT }),
    ).toThrow("VAPID_PUBLIC_KEY is not the public half of VAPID_PRIVATE_KEY");
  });
});

describe("buildPushPayload", () => {
  test("cuts a long body so the whole payload fits a push message", () => {
    const payload = buildPushPayload({ subject: "Weekly digest", text: "Ünusual charge at Café ☕. ".repeat(400) });
    expect(Buffer.byteLength(JSON.stringify(payload))).toBeLessThanOrEqual(3_000);
    expect(Buffer.byteLength(JSON.stringify(payload))).toBeGreaterThan(2_000);
    expect(payload.body.endsWith("...")).toBe(true);
    expect(payload).not.toHaveProperty("url");
  });
});
