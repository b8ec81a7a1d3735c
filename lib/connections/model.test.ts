import { describe, expect, it } from "vitest";
import type { PlaidConnectionModel } from "@/lib/db";
import { serializeConnection } from "./model";

const ACCESS_TOKEN = "access-sandbox-5c2a1f3e-secret";
const LINK_TOKEN = "link-sandbox-9e8d7c6b-secret";

const connection: PlaidConnectionModel = {
  id: "0c0c0c0c-0000-4000-8000-000000000001",
  userId: "0c0c0c0c-0000-4000-8000-000000000002",
  accessToken: ACCESS_TOKEN,
  itemId: "item-1",
  institutionId: "ins_109508",
  institutionName: "First Platypus Bank",
  institutionLogo: null,
  institutionPrimaryColor: "#1F6FEB",
  institutionUrl: "https://platypus.example",
  isActive: true,
  requiresReauth: false,
  lastError: "ITEM_LOGIN_REQUIRED",
  lastErrorAt: new Date("2026-02-01T10:00:00.000Z"),
  errorCount: 2,
  maintenanceUntil: null,
  pausedAt: null,
  accessTokenKeyId: "k1",
  syncLeaseOwner: null,
  syncLeaseExpiresAt: null,
  lastSyncAt: new Date("2026-02-01T09:00:00.000Z"),
  nextSyncAt: null,
  syncFrequency: "daily",
  linkToken: LINK_TOKEN,
  linkTokenExpiresAt: new Date("2026-02-01T14:00:00.000Z"),
  retryCount: 1,
  metadata: { plaid: { consent_expiration_time: null } },
  settings: { pauseSync: false },
  transactionsCursor: "cursor-abc",
  createdAt: new Date("2026-01-01T00:00:00.000Z"),
  updatedAt: new Date("2026-02-01T10:00:00.000Z"),
  consentExpiresAt: null,
  accessEndsAt: null,
};

describe("serializeConnection", () => {
  it("never includes the access token or the link token, under any key", () => {
    const json = serializeConnection(connection);
    const text = JSON.stringify(json);
    expect(text).not.toContain(ACCESS_TOKEN);
    expect(text).not.toContain(LINK_TOKEN);
    expect(json).not.toHaveProperty("accessToken");
    expect(json).not.toHaveProperty("linkToken");
    expect(text.toLowerCase()).not.toMatch(/token/);
  });

  it("keeps the sync cursor and metadata on the server", () => {
    const json = serializeConnection(connection);
    expect(json).not.toHaveProperty("transactionsCursor");
    expect(json).not.toHaveProperty("metadata");
  });

  it("writes dates as ISO strings and keeps what the UI shows", () => {
    expect(serializeConnection(connection)).toMatchObject({
      institutionName: "First Platypus Bank",
      lastError: "ITEM_LOGIN_REQUIRED",
      lastErrorAt: "2026-02-01T10:00:00.000Z",
      lastSyncAt: "2026-02-01T09:00:00.000Z",
      nextSyncAt: null,
      errorCount: 2,
      settings: { pauseSync: false },
    });
  });
});
