import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createConnection, createSync, createUser, createUserWithAccount } from "@/lib/test/factories";
import { getSyncHistory } from "./history";

const at = (hour: number) => new Date(Date.UTC(2026, 10, 20, hour));

describe("getSyncHistory", () => {
  it("lists the account's own and its connection's connection-wide syncs, newest first, with their results", async () => {
    const { user, connection, account } = await createUserWithAccount();
    const sibling = await db.bankAccount.create({
      data: {
        userId: user.id,
        plaidConnectionId: connection.id,
        accountId: "sibling",
        name: "Savings",
        type: "depository",
      },
    });
    const otherConnection = await createConnection({ userId: user.id });
    const base = { plaidConnectionId: connection.id };
    await createSync({
      ...base,
      syncType: "initial",
      status: "success",
      startedAt: at(1),
      duration: 21.5,
      recordsAdded: 40,
    });
    await createSync({
      ...base,
      bankAccountId: account.id,
      syncType: "manual",
      status: "failed",
      startedAt: at(3),
      errorCode: "INSTITUTION_DOWN",
      errorMessage: "The bank is not responding.",
    });
    await createSync({ ...base, bankAccountId: sibling.id, syncType: "manual", status: "success", startedAt: at(4) });
    await createSync({ plaidConnectionId: otherConnection.id, syncType: "scheduled", startedAt: at(5) });
    await createSync({ ...base, syncType: "scheduled", status: "pending" });

    const history = await getSyncHistory({ userId: user.id, accountId: account.id });
    expect(history?.total).toBe(3);
    expect(history?.entries.map((entry) => [entry.syncType, entry.scope, entry.status])).toEqual([
      ["scheduled", "connection", "pending"],
      ["manual", "account", "failed"],
      ["initial", "connection", "success"],
    ]);
    expect(history?.entries[1]).toMatchObject({
      errorCode: "INSTITUTION_DOWN",
      errorMessage: "The bank is not responding.",
    });
    expect(history?.entries[2]).toMatchObject({ duration: 21.5, recordsAdded: 40, startedAt: at(1) });
  });

  it("keeps the newest `limit` syncs and still counts them all", async () => {
    const { user, connection, account } = await createUserWithAccount();
    for (let hour = 0; hour < 6; hour++) {
      await createSync({ plaidConnectionId: connection.id, status: "success", startedAt: at(hour) });
    }
    const history = await getSyncHistory({ userId: user.id, accountId: account.id, limit: 4 });
    expect(history?.total).toBe(6);
    expect(history?.entries.map((entry) => entry.startedAt?.getUTCHours())).toEqual([5, 4, 3, 2]);
  });

  it("is null for another user's account", async () => {
    const { connection, account } = await createUserWithAccount();
    await createSync({ plaidConnectionId: connection.id, startedAt: at(1) });
    const stranger = await createUser();
    expect(await getSyncHistory({ userId: stranger.id, accountId: account.id })).toBeNull();
  });
});
