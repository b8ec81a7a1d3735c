import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { clearPendingLink, PENDING_LINK_MAX_AGE_MS, readPendingLink, savePendingLink } from "./pending-link";

// The browser's localStorage, as far as pending-link uses it.
function memoryStorage() {
  const items = new Map<string, string>();
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
  };
}

beforeEach(() => {
  vi.stubGlobal("window", { localStorage: memoryStorage() });
});
afterEach(() => {
  vi.unstubAllGlobals();
});

describe("the pending Link session", () => {
  it("comes back as saved, for create and update mode, until cleared", () => {
    expect(readPendingLink()).toEqual({ state: "none" });
    const startedAt = Date.now();
    savePendingLink({ linkToken: "link-sandbox-1", target: { mode: "create" }, startedAt });
    expect(readPendingLink(startedAt + 1000)).toEqual({
      state: "ready",
      pending: { linkToken: "link-sandbox-1", target: { mode: "create" }, startedAt },
    });
    savePendingLink({ linkToken: "link-sandbox-2", target: { mode: "update", connectionId: "c1" }, startedAt });
    const read = readPendingLink(startedAt);
    expect(read.state === "ready" && read.pending.target).toEqual({ mode: "update", connectionId: "c1" });
    clearPendingLink();
    expect(readPendingLink()).toEqual({ state: "none" });
  });

  it("is stale once older than the limit, or dated in the future", () => {
    const startedAt = Date.now();
    savePendingLink({ linkToken: "link-sandbox-1", target: { mode: "create" }, startedAt });
    expect(readPendingLink(startedAt + PENDING_LINK_MAX_AGE_MS + 1).state).toBe("stale");
    expect(readPendingLink(startedAt - 60_000).state).toBe("stale");
  });

  it("ignores anything that is not a session", () => {
    for (const junk of ["not json", "{}", '{"linkToken":"x","startedAt":1,"target":{"mode":"update"}}']) {
      window.localStorage.setItem("mingus:pending-link", junk);
      expect(readPendingLink()).toEqual({ state: "none" });
    }
  });
});
