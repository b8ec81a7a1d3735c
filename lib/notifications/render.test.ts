import { describe, expect, it } from "vitest";
import { Prisma } from "@/lib/db";
import { describePeriod, type NotificationForMessage, renderDigest, renderSingle } from "./render";
import { lowBalanceContent } from "./rules/low-balance";
import { reconnectContent } from "./rules/reconnect";
import { transactionContent } from "./rules/transaction";
import type { AlertContent } from "./rules/types";

const APP = "https://mingus.test/";
const d = (value: string) => new Prisma.Decimal(value);
const checking = { id: "acc-1", name: "Checking", mask: "0000", currency: "USD" };

/** A stored notification made from a content builder, as the delivery worker loads it. */
function stored(
  content: AlertContent,
  { createdAt = new Date("2026-11-23T14:05:00Z"), accountId = "acc-1", id = "n-1" } = {},
): NotificationForMessage {
  return {
    id,
    kind: content.kind,
    title: content.title,
    body: content.body,
    reason: content.reason,
    createdAt,
    accountId: content.kind === "reconnect_required" ? null : accountId,
    accountName: typeof content.data.account_name === "string" ? content.data.account_name : null,
    data: content.data,
  };
}

const lowBalance = () =>
  stored(lowBalanceContent({ account: checking, balance: d("42.10"), balanceKind: "available", threshold: d("100") }));

function purchase(merchantName: string, amount = "2500.00", at = "2026-11-23T14:05:00Z", id = "n-2") {
  return stored(
    transactionContent({
      account: checking,
      transaction: {
        id: "row-9",
        transactionId: "plaid-9",
        amount: d(amount),
        date: new Date("2026-11-23T00:00:00Z"),
        name: merchantName.toUpperCase(),
        merchantName,
        categoryPrimary: null,
        pending: false,
        isoCurrencyCode: "USD",
      },
      threshold: d("1000"),
    }),
    { createdAt: new Date(at), id },
  );
}

describe("renderSingle", () => {
  it("emails the title, what happened, why, and a link to the account", () => {
    const message = renderSingle({ notification: lowBalance(), channel: "email", appUrl: APP });
    expect(message.subject).toBe("Low balance: Checking ••0000");
    expect(message.url).toBe("https://mingus.test/accounts/acc-1");
    expect(message.text).toContain("Available balance $42.10 fell below your $100.00 low-balance alert.");
    expect(message.text).toContain("Why you got this: Your low-balance alert for Checking ••0000 is set at $100.00.");
    expect(message.text).toContain("View Checking ••0000 in Mingus: https://mingus.test/accounts/acc-1");
    expect(message.text).toContain("https://mingus.test/settings");
    expect(message.html).toContain('<html lang="en">');
    expect(message.html).toContain("<h1");
    expect(message.html).toContain('<a href="https://mingus.test/accounts/acc-1"');
  });

  it("escapes every stored string in the HTML", () => {
    const message = renderSingle({
      notification: purchase('<script>alert("x")</script> & Co'),
      channel: "email",
      appUrl: APP,
    });
    expect(message.html).not.toContain("<script>");
    expect(message.html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co");
    // The plain-text part is not HTML and keeps the name as it is.
    expect(message.text).toContain('<script>alert("x")</script> & Co');
  });

  it("links an alert without an account to the notifications, and a reconnect to the accounts", () => {
    const general = { ...lowBalance(), accountId: null };
    expect(renderSingle({ notification: general, channel: "email", appUrl: APP }).url).toBe(
      "https://mingus.test/notifications",
    );
    const reconnect = stored(reconnectContent({ institutionName: "First Platypus Bank" }));
    const message = renderSingle({ notification: reconnect, channel: "email", appUrl: "https://mingus.test" });
    expect(message.subject).toBe("Reconnect First Platypus Bank");
    expect(message.url).toBe("https://mingus.test/accounts");
    expect(message.text).toContain("Reconnect in Mingus: https://mingus.test/accounts");
  });

  it("pushes the title and body with the link and the notification's own tag", () => {
    const message = renderSingle({ notification: lowBalance(), channel: "push", appUrl: APP });
    expect(message).toEqual({
      subject: "Low balance: Checking ••0000",
      text: "Available balance $42.10 fell below your $100.00 low-balance alert.",
      url: "https://mingus.test/accounts/acc-1",
      tag: "mingus-n-1",
    });
  });

  it("texts one compact line with the link", () => {
    const message = renderSingle({ notification: lowBalance(), channel: "sms", appUrl: APP });
    expect(message.text).toBe(
      "Mingus: Low balance on Checking ••0000: $42.10 < $100.00. https://mingus.test/accounts/acc-1",
    );
  });

  it("texts the title when the notification has no summary, on one line, cut before the link", () => {
    const bare = { ...lowBalance(), data: {}, title: "Line one\nline two." };
    expect(renderSingle({ notification: bare, channel: "sms", appUrl: APP }).text).toBe(
      "Mingus: Line one line two. https://mingus.test/accounts/acc-1",
    );
    const long = { ...lowBalance(), data: { summary: "x".repeat(500) } };
    const text = renderSingle({ notification: long, channel: "sms", appUrl: APP }).text;
    expect(text.length).toBeLessThan(200);
    expect(text).toMatch(/x\.\.\.\. https:\/\/mingus\.test\/accounts\/acc-1$/);
  });
});

describe("describePeriod", () => {
  it("puts each digest period in words", () => {
    expect(
      describePeriod({
        frequency: "hourly",
        periodStart: new Date("2026-11-23T08:00:00Z"),
        periodEnd: new Date("2026-11-23T09:00:00Z"),
      }),
    ).toBe("Nov 23, 2026, 8:00 – 9:00 AM UTC");
    expect(
      describePeriod({
        frequency: "daily",
        periodStart: new Date("2026-11-23T00:00:00Z"),
        periodEnd: new Date("2026-11-24T00:00:00Z"),
      }),
    ).toBe("Nov 23, 2026 (UTC)");
    expect(
      describePeriod({
        frequency: "weekly",
        periodStart: new Date("2026-11-30T00:00:00Z"),
        periodEnd: new Date("2026-12-07T00:00:00Z"),
      }),
    ).toBe("the week of Nov 30 – Dec 6, 2026 (UTC)");
  });
});

describe("renderDigest", () => {
  const period = {
    frequency: "daily" as const,
    periodStart: new Date("2026-11-23T00:00:00Z"),
    periodEnd: new Date("2026-11-24T00:00:00Z"),
    appUrl: APP,
  };
  const three = () => [
    purchase("Apple Store", "2500.00", "2026-11-23T09:00:00Z", "a"),
    lowBalance(), // 14:05, the newest
    purchase("Best Buy", "1200.00", "2026-11-23T11:30:00Z", "b"),
  ];

  it("emails the period's alerts newest first, with counts per kind", () => {
    const message = renderDigest({ ...period, notifications: three(), channel: "email" });
    expect(message.subject).toBe("Your daily Mingus digest: 3 alerts");
    expect(message.text).toContain(
      "3 alerts for Nov 23, 2026 (UTC): 1 low-balance alert, 2 transactions. Newest first.",
    );
    const order = ["Low balance: Checking", "at Best Buy", "at Apple Store"].map((text) => message.text.indexOf(text));
    expect(order.every((position) => position >= 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(message.text).toContain("Nov 23, 2026, 2:05 PM UTC: Low balance: Checking ••0000");
    expect(message.url).toBe("https://mingus.test/notifications");
    expect(message.html).toContain("<ol");
    expect(message.html).toContain('<time datetime="2026-11-23T14:05:00.000Z">');
  });

  it("caps the email at 50 alerts and says how many more there are", () => {
    const many = Array.from({ length: 53 }, (_, index) =>
      purchase(`Shop ${index}`, "1500.00", new Date(Date.UTC(2026, 10, 23, 0, index)).toISOString(), `n${index}`),
    );
    const message = renderDigest({ ...period, notifications: many, channel: "email" });
    expect(message.subject).toBe("Your daily Mingus digest: 53 alerts");
    expect(message.text).toContain("And 3 more: https://mingus.test/notifications");
    expect(message.html).toContain("And 3 more in Mingus");
    // The newest 50 are listed; the three oldest are not.
    expect(message.text).toContain("at Shop 52");
    expect(message.text).toContain("at Shop 3 ");
    expect(message.text).not.toContain("at Shop 2 ");
    expect(message.html?.match(/<li/g)).toHaveLength(50);
  });

  it("escapes the digest's HTML too", () => {
    const message = renderDigest({
      ...period,
      notifications: [purchase("<img src=x onerror=alert(1)>")],
      channel: "email",
    });
    expect(message.html).not.toContain("<img");
    expect(message.html).toContain("&lt;img src=x onerror=alert(1)&gt;");
  });

  it("texts a one-line summary and pushes a short one", () => {
    const sms = renderDigest({ ...period, notifications: three(), channel: "sms" });
    expect(sms.text).toBe(
      "Mingus daily digest: 3 alerts (1 low-balance alert, 2 transactions). https://mingus.test/notifications",
    );
    const push = renderDigest({ ...period, notifications: three(), channel: "push" });
    expect(push).toEqual({
      subject: "Mingus daily digest: 3 alerts",
      text: "1 low-balance alert, 2 transactions",
      url: "https://mingus.test/notifications",
      tag: "mingus-digest-daily",
    });
  });

  it("says one alert in the singular", () => {
    const message = renderDigest({ ...period, frequency: "hourly", notifications: [lowBalance()], channel: "email" });
    expect(message.subject).toBe("Your hourly Mingus digest: 1 alert");
  });
});
