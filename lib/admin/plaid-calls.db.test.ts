import { expect, test } from "vitest";
import { db } from "@/lib/db";
import { createConnection, createUser } from "@/lib/test/factories";
import { getPlaidCallActivity } from "./plaid-calls";

// Each test looks at its own day, so they never see each other's calls.
let now = new Date("2026-11-24T12:00:00.000Z");
const hoursAgo = (hours: number) => new Date(now.getTime() - hours * 3_600_000);

test("counts the last day's calls per endpoint, failures first, and lists the latest failures", async () => {
  const user = await createUser();
  const connection = await createConnection({ userId: user.id, institutionName: "First Platypus Bank" });
  const call = (endpoint: string, durationMs: number, createdAt: Date, errorCode: string | null = null) => ({
    endpoint,
    environment: "emulator",
    durationMs,
    createdAt,
    plaidConnectionId: connection.id,
    statusCode: errorCode ? 400 : 200,
    errorType: errorCode ? "ITEM_ERROR" : null,
    errorCode,
    requestId: `req-${endpoint}-${durationMs}`,
  });
  await db.plaidApiCall.createMany({
    data: [
      ...[10, 20, 30, 40, 1000].map((ms) => call("/accounts/get", ms, hoursAgo(1))),
      call("/transactions/sync", 50, hoursAgo(2)),
      call("/transactions/sync", 70, hoursAgo(3), "ITEM_LOGIN_REQUIRED"),
      // Outside the window, and in the future of `now`: neither counts.
      call("/item/get", 5, hoursAgo(25), "INTERNAL_SERVER_ERROR"),
      call("/item/get", 5, new Date(now.getTime() + 60_000)),
    ],
  });

  const activity = await getPlaidCallActivity({ now });

  expect(activity.endpoints).toEqual([
    { endpoint: "/transactions/sync", calls: 2, failed: 1, medianMs: 50, p95Ms: 70 },
    { endpoint: "/accounts/get", calls: 5, failed: 0, medianMs: 30, p95Ms: 1000 },
  ]);
  expect(activity.failures).toEqual([
    expect.objectContaining({
      endpoint: "/transactions/sync",
      errorCode: "ITEM_LOGIN_REQUIRED",
      requestId: "req-/transactions/sync-70",
      institutionName: "First Platypus Bank",
    }),
  ]);
});

test("a call whose connection was unlinked stays, without an institution", async () => {
  now = new Date("2026-12-24T12:00:00.000Z");
  const user = await createUser();
  const connection = await createConnection({ userId: user.id });
  await db.plaidApiCall.create({
    data: {
      endpoint: "/item/remove",
      environment: "emulator",
      durationMs: 12,
      createdAt: hoursAgo(1),
      plaidConnectionId: connection.id,
      errorCode: "ITEM_NOT_FOUND",
    },
  });
  await db.plaidConnection.delete({ where: { id: connection.id } });
  const activity = await getPlaidCallActivity({ now });
  expect(activity.failures).toEqual([expect.objectContaining({ endpoint: "/item/remove", institutionName: null })]);
});
