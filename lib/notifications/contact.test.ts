import { describe, expect, it } from "vitest";
import { z } from "zod";
import { normalizePhoneNumber, phoneNumberSchema, pushSubscriptionSchema } from "./contact";

const problems = (result: z.ZodSafeParseResult<unknown>) =>
  result.success ? [] : z.flattenError(result.error).formErrors;

describe("phoneNumberSchema", () => {
  it.each([
    ["+1 (555) 010-0199", "+15550100199"],
    ["+44 20 7946 0018", "+442079460018"],
    ["0049 30 1234567", "+49301234567"],
    ["+33.1.23.45.67.89", "+33123456789"],
    [" +61\u00a0491 570 156 ", "+61491570156"],
  ])("normalises %s to %s", (typed, stored) => {
    expect(phoneNumberSchema.parse(typed)).toBe(stored);
  });

  it("reads an empty field as no number", () => {
    expect(phoneNumberSchema.parse("")).toBeNull();
    expect(phoneNumberSchema.parse("  - ")).toBeNull();
  });

  it("says what is wrong with a number it refuses", () => {
    expect(problems(phoneNumberSchema.safeParse("555 010 0199"))).toEqual([
      "Start with + and the country code, like +1 555 010 0199.",
    ]);
    expect(problems(phoneNumberSchema.safeParse("+1 555 CALL NOW"))).toEqual([
      "Use only digits after the +, like +1 555 010 0199.",
    ]);
    expect(problems(phoneNumberSchema.safeParse("+0 555 010 0199"))).toEqual([
      "A country code never starts with 0: check the digits after the +.",
    ]);
    expect(problems(phoneNumberSchema.safeParse("+1 555"))).toEqual([
      "An international number has 7 to 15 digits after the +, including the country code.",
    ]);
    expect(problems(phoneNumberSchema.safeParse("+1 5550 1001 9955 5010"))).toEqual([
      "An international number has 7 to 15 digits after the +, including the country code.",
    ]);
  });

  it("strips only the usual separators", () => {
    expect(normalizePhoneNumber("+1/555.010-0199")).toBe("+15550100199");
    expect(problems(phoneNumberSchema.safeParse("+1_555_010_0199"))).toEqual([
      "Use only digits after the +, like +1 555 010 0199.",
    ]);
  });
});

describe("pushSubscriptionSchema", () => {
  const valid = {
    endpoint: "https://fcm.googleapis.com/fcm/send/abc123",
    p256dh: "BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM",
    auth: "tBHItJI5svbpez7KI4CCXg",
    userAgent: "Mozilla/5.0",
  };

  it("accepts what a browser's subscription gives", () => {
    expect(pushSubscriptionSchema.parse(valid)).toEqual(valid);
    expect(pushSubscriptionSchema.parse({ ...valid, userAgent: "" }).userAgent).toBeNull();
  });

  it("refuses an endpoint that is not https, and keys that are not base64url", () => {
    expect(pushSubscriptionSchema.safeParse({ ...valid, endpoint: "http://127.0.0.1:8080/push" }).success).toBe(false);
    expect(pushSubscriptionSchema.safeParse({ ...valid, endpoint: "file:///etc/passwd" }).success).toBe(false);
    // https, but not a push service: the server's own loopback, or any host of the sender's choosing.
    for (const endpoint of ["https://127.0.0.1/push", "https://push.example.test/send/abc123"]) {
      const result = pushSubscriptionSchema.safeParse({ ...valid, endpoint });
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.message).toContain("push service is not one Mingus sends to");
    }
    expect(pushSubscriptionSchema.safeParse({ ...valid, p256dh: "not base64!" }).success).toBe(false);
    expect(pushSubscriptionSchema.safeParse({ ...valid, auth: "" }).success).toBe(false);
  });
});
