import { describe, expect, it } from "vitest";
import { reconnectContent, reconnectRule } from "./reconnect";

describe("reconnectContent", () => {
  it("asks to reconnect the institution and says why", () => {
    const content = reconnectContent({ institutionName: "First Platypus Bank", connectionId: "conn-1" });
    expect(content.kind).toBe("reconnect_required");
    expect(content.title).toBe("Reconnect First Platypus Bank");
    expect(content.body).toMatch(
      /^The bank needs you to sign in again before Mingus can sync your First Platypus Bank/,
    );
    expect(content.reason).toContain("password change");
    expect(content.data).toMatchObject({ connection_id: "conn-1", institution_name: "First Platypus Bank" });
    expect(reconnectContent({ institutionName: "X" }).data.connection_id).toBeNull();
  });
});

describe("reconnectRule.evaluate", () => {
  const now = new Date("2026-12-01T10:00:00Z");
  const connection = {
    id: "conn-1",
    institutionName: "First Platypus Bank",
    isActive: true,
    requiresReauth: true,
    lastError: "ITEM_LOGIN_REQUIRED",
    accessEndsAt: null,
    consentExpiresAt: null,
  };

  it("alerts once per episode, whatever the toggles, and clears when repaired", () => {
    const first = reconnectRule.evaluate({ connection, previous: null, now });
    expect(first.alert?.dedupeKey).toBe(`reconnect:conn-1:${now.toISOString()}`);
    expect(first.next).toEqual({ state: "active", threshold: null });
    expect(reconnectRule.evaluate({ connection, previous: first.next, now }).alert).toBeNull();
    const repaired = reconnectRule.evaluate({
      connection: { ...connection, requiresReauth: false },
      previous: first.next,
      now,
    });
    expect(repaired).toEqual({ next: { state: "clear", threshold: null }, alert: null });
    expect(reconnectRule.evaluate({ connection, previous: repaired.next, now }).alert).not.toBeNull();
  });

  it("says nothing for an unlinked connection", () => {
    expect(
      reconnectRule.evaluate({ connection: { ...connection, isActive: false }, previous: null, now }).alert,
    ).toBeNull();
  });
});
