import { describe, expect, it } from "vitest";
import { connectionExpiringContent, connectionExpiringRule } from "./connection-expiring";

const DAY_MS = 24 * 60 * 60 * 1000;
const now = new Date("2026-12-01T10:00:00Z");
const connection = {
  id: "conn-1",
  institutionName: "First Platypus Bank",
  isActive: true,
  requiresReauth: false,
  lastError: null,
  accessEndsAt: null,
  consentExpiresAt: null,
};

describe("connectionExpiringContent", () => {
  it("names the bank and the day access ends, and asks to renew", () => {
    const content = connectionExpiringContent({
      institutionName: "First Platypus Bank",
      connectionId: "conn-1",
      endsAt: new Date("2026-12-06T10:00:00Z"),
    });
    expect(content.kind).toBe("connection_expiring");
    expect(content.title).toBe("Access to First Platypus Bank ends on December 6, 2026");
    expect(content.body).toContain("Renew the connection before then");
    expect(content.data).toMatchObject({
      connection_id: "conn-1",
      access_ends_at: "2026-12-06T10:00:00.000Z",
      summary: "Access to First Platypus Bank ends on December 6, 2026: renew it in Mingus",
    });
  });
});

describe("connectionExpiringRule.evaluate", () => {
  it("is on by default through its own switch", () => {
    expect(connectionExpiringRule.settings?.toggle).toBe("connectionExpiringAlert");
  });

  it("stays quiet until 7 days before access ends", () => {
    const far = { ...connection, consentExpiresAt: new Date(now.getTime() + 8 * DAY_MS) };
    expect(connectionExpiringRule.evaluate({ connection: far, previous: null, now })).toEqual({
      next: { state: "clear", threshold: null },
      alert: null,
    });
  });

  it("alerts once per expiry, and again after a renewal and a new expiry", () => {
    const endsAt = new Date(now.getTime() + 5 * DAY_MS);
    const expiring = { ...connection, consentExpiresAt: endsAt, accessEndsAt: endsAt };
    const first = connectionExpiringRule.evaluate({ connection: expiring, previous: null, now });
    expect(first.next).toEqual({ state: "active", threshold: null });
    expect(first.alert?.dedupeKey).toBe(`connection_expiring:conn-1:${endsAt.toISOString()}`);
    expect(first.alert?.content.title).toBe("Access to First Platypus Bank ends on December 6, 2026");
    expect(connectionExpiringRule.evaluate({ connection: expiring, previous: first.next, now }).alert).toBeNull();

    const renewed = { ...connection, consentExpiresAt: new Date(now.getTime() + 90 * DAY_MS) };
    const cleared = connectionExpiringRule.evaluate({ connection: renewed, previous: first.next, now });
    expect(cleared).toEqual({ next: { state: "clear", threshold: null }, alert: null });

    const later = new Date(now.getTime() + 85 * DAY_MS);
    const again = connectionExpiringRule.evaluate({ connection: renewed, previous: cleared.next, now: later });
    expect(again.alert?.dedupeKey).toBe(`connection_expiring:conn-1:${renewed.consentExpiresAt.toISOString()}`);
  });

  it("uses a pending disconnect's date before the consent's", () => {
    const disconnect = new Date(now.getTime() + 7 * DAY_MS);
    const pending = {
      ...connection,
      accessEndsAt: disconnect,
      consentExpiresAt: new Date(now.getTime() + 60 * DAY_MS),
    };
    const result = connectionExpiringRule.evaluate({ connection: pending, previous: null, now });
    expect(result.alert?.content.data.access_ends_at).toBe(disconnect.toISOString());
  });

  it("says nothing for an unlinked or revoked connection", () => {
    const endsAt = new Date(now.getTime() + DAY_MS);
    for (const changed of [{ isActive: false }, { requiresReauth: true, lastError: "USER_PERMISSION_REVOKED" }]) {
      const result = connectionExpiringRule.evaluate({
        connection: { ...connection, accessEndsAt: endsAt, ...changed },
        previous: null,
        now,
      });
      expect(result.alert).toBeNull();
    }
  });
});
