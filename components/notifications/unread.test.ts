import { describe, expect, it } from "vitest";
import { unreadBadge, unreadLabel } from "./unread";

describe("the bell's badge and name", () => {
  it("shows no badge when nothing is unread", () => {
    expect(unreadBadge(0)).toBeNull();
    expect(unreadLabel(0)).toBe("Notifications, 0 unread");
  });

  it("shows the count up to 99, then 99+, while the name keeps the exact count", () => {
    expect(unreadBadge(1)).toBe("1");
    expect(unreadBadge(99)).toBe("99");
    expect(unreadBadge(100)).toBe("99+");
    expect(unreadLabel(250)).toBe("Notifications, 250 unread");
  });
});
