import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { isAppError } from "@/lib/errors";
import { recordHeartbeat } from "@/lib/jobs/heartbeat";
import { createConnection, createSync, createUser } from "@/lib/test/factories";
import { getLatestSyncForConnection } from "./progress";

const at = (minute: number) => new Date(Date.UTC(2026, 10, 20, 12, minute));

async function ownedConnection() {
  const user = await createUser();
  const connection = await createConnection({ userId: user.id });
  return { user, connection };
}

describe("getLatestSyncForConnection", () => {
  it("is null for a connection that never synced", async () => {
    const { user, connection } = await ownedConnection();
    expect(await getLatestSyncForConnection({ userId: user.id, connectionId: connection.id })).toBeNull();
  });

  it("answers another person's connection, an unknown id and a malformed one with the same not-found", async () => {
    const { connection } = await ownedConnection();
    await createSync({ plaidConnectionId: connection.id, status: "in_progress", startedAt: at(1) });
    const stranger = await createUser();
    const ids = [connection.id, "00000000-0000-4000-8000-000000000000", "not-a-uuid"];
    for (const connectionId of ids) {
      const error = await getLatestSyncForConnection({ userId: stranger.id, connectionId }).catch((e: unknown) => e);
      expect(isAppError(error, "connection:not_found"), connectionId).toBe(true);
      expect((error as Error).message).toBe("This connection could not be found.");
    }
  });

  it("shows the run in progress before a request queued behind it, and both before finished ones", async () => {
    const { user, connection } = await ownedConnection();
    const base = { plaidConnectionId: connection.id };
    await createSync({ ...base, status: "success", startedAt: at(1), completedAt: at(2) });
    const queued = await createSync({ ...base, status: "pending", context: { trigger: "webhook" } });
    const running = await createSync({
      ...base,
      syncType: "manual",
      status: "in_progress",
      startedAt: at(5),
      recordsProcessed: 1234,
      recordsAdded: 1200,
      recordsUpdated: 30,
      recordsDeleted: 4,
      context: { trigger: "manual", requested_by: user.id },
    });
    const args = { userId: user.id, connectionId: connection.id };

    expect(await getLatestSyncForConnection(args)).toEqual({
      id: running.id,
      status: "in_progress",
      syncType: "manual",
      trigger: "manual",
      startedAt: at(5),
      completedAt: null,
      counts: { processed: 1234, added: 1200, updated: 30, deleted: 4, failed: 0 },
      errorCode: null,
      errorMessage: null,
      retryAfter: null,
      step: null,
    });

    await createSync({ ...base, status: "failed", startedAt: at(5), completedAt: at(6) });
    await db.transactionSync.update({ where: { id: running.id }, data: { status: "success", completedAt: at(7) } });
    expect(await getLatestSyncForConnection(args)).toMatchObject({
      id: queued.id,
      status: "pending",
      trigger: "webhook",
    });
  });

  it("otherwise shows the run that finished last, with its error and retry time", async () => {
    const { user, connection } = await ownedConnection();
    const base = { plaidConnectionId: connection.id };
    // Started later but finished earlier: finishing is what the person last saw happen.
    await createSync({ ...base, status: "success", startedAt: at(3), completedAt: at(4) });
    const failed = await createSync({
      ...base,
      status: "failed",
      startedAt: at(1),
      completedAt: at(9),
      errorCode: "INSTITUTION_DOWN",
      errorMessage: "This financial institution is not currently responding to requests.",
      retryAfter: at(30),
    });
    await createSync({
      plaidConnectionId: (await createConnection({ userId: user.id })).id,
      status: "success",
      completedAt: at(50),
    });

    expect(await getLatestSyncForConnection({ userId: user.id, connectionId: connection.id })).toMatchObject({
      id: failed.id,
      status: "failed",
      trigger: null,
      errorCode: "INSTITUTION_DOWN",
      errorMessage: "This financial institution is not currently responding to requests.",
      retryAfter: at(30),
      step: null,
    });
  });

  it("says a run due for over two minutes waits for the sync service while no worker is alive", async () => {
    const { user, connection } = await ownedConnection();
    const args = { userId: user.id, connectionId: connection.id };
    const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);
    const queued = await createSync({ plaidConnectionId: connection.id, status: "pending", createdAt: minutesAgo(1) });
    expect(await getLatestSyncForConnection(args)).toMatchObject({ id: queued.id, status: "pending", step: null });

    await db.transactionSync.update({ where: { id: queued.id }, data: { createdAt: minutesAgo(3) } });
    expect(await getLatestSyncForConnection(args)).toMatchObject({ status: "pending", step: "waiting_for_service" });

    // A retry held back by the bank counts from its retry_after.
    await db.transactionSync.update({ where: { id: queued.id }, data: { retryAfter: minutesAgo(1) } });
    expect(await getLatestSyncForConnection(args)).toMatchObject({ step: null });
    await db.transactionSync.update({ where: { id: queued.id }, data: { retryAfter: null } });

    // A worker beating (one that died 3 minutes ago does not count).
    await recordHeartbeat({
      workerId: "dead:1:aa",
      kind: "worker",
      startedAt: minutesAgo(9),
      jobsDone: 0,
      now: minutesAgo(3),
    });
    expect(await getLatestSyncForConnection(args)).toMatchObject({ step: "waiting_for_service" });
    await recordHeartbeat({
      workerId: "live:1:bb",
      kind: "worker",
      startedAt: minutesAgo(9),
      jobsDone: 0,
      now: new Date(),
    });
    expect(await getLatestSyncForConnection(args)).toMatchObject({ status: "pending", step: null });
    await db.workerHeartbeat.deleteMany();
  });
});
