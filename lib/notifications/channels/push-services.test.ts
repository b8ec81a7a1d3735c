// Push endpoints: the browsers' push services only, never an address of the person's choosing.
import { describe, expect, it } from "vitest";
import { isKnownPushService } from "./push-services";

describe("isKnownPushService", () => {
  it.each([
    "https://fcm.googleapis.com/fcm/send/dQw4w9WgXcQ:APA91b",
    "https://updates.push.services.mozilla.com/wpush/v2/gAAAAABk",
    "https://web.push.apple.com/QGJxd2mV",
    "https://wns2-by3p.notify.windows.com/w/?token=BQYAAAB",
  ])("takes %s", (endpoint) => {
    expect(isKnownPushService(endpoint)).toBe(true);
  });

  it.each([
    // The audit's case: an https endpoint on the server's own loopback.
    "https://127.0.0.1/push",
    "https://[::1]/push",
    "https://10.0.0.5/push",
    "https://169.254.169.254/latest/meta-data",
    "https://localhost/push",
    "https://push.example.test/send/abc",
    "http://fcm.googleapis.com/fcm/send/x",
    "https://fcm.googleapis.com:8443/fcm/send/x",
    "https://fcm.googleapis.com.evil.example/x",
    "https://evilfcm.googleapis.com.example/x",
    "https://notfcm.googleapis.com@evil.example/x",
    "https://user:pass@fcm.googleapis.com/x",
    "https://push.apple.com.evil.example/x",
    "not a url",
  ])("refuses %s", (endpoint) => {
    expect(isKnownPushService(endpoint)).toBe(false);
  });
});
