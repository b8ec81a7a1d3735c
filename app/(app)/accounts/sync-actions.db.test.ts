// "Sync now" as the browser calls it (FormData in, ActionState out): one manual request per connection,
// joined rather than repeated, refused with a clear reason for paused, broken and foreign connections.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { createConnection, createSync, createUser } from "@/lib/test/factories";

const session = vi.hoisted(() => ({ user: null as null | { id: string; email: string; name: null; role: "user" } }));
const queue = vi.hoisted(() => ({ sent: [] as string[] }));
vi.mock("@/lib/auth/session", () => ({ getCurrentUser: async () => session.user }));
vi.mock("@/lib/jobs/enqueue", () => ({
  enqueueSyncJob: async ({ connectionId }: { connectionId: string }) => {
    queue.sent.push(connectionId);
    return "sent";
  },
}));

const { syncNowAction } = await import("./sync-actions");

let userId: string;

beforeEach(async () => {
  const user = await createUser();
  userId = user.id;
  session.user = { id: user.id, email: user.email, name: null, role: "user" };
  queue.sent = [];
});

function syncNow(connectionId: string) {
  const form = new FormData();
  form.set("connectionId", connectionId);
  return syncNowAction({}, form);
}

const runs = (connectionId: string) =>
  db.transactionSync.findMany({ where: { plaidConnectionId: connectionId }, orderBy: { createdAt: "asc" } });

describe("syncNowAction", () => {
  it("asks a signed-out visitor to sign in and queues nothing", async () => {
    const connection = await createConnection({ userId });
    session.user = null;
    expect(await syncNow(connection.id)).toEqual({ message: "Your session has ended. Sign in again." });
    expect(await runs(connection.id)).toEqual([]);
  });

  it("queues one manual sync, marked as the person's, and joins it on a second press", async () => {
    const connection = await createConnection({ userId, nextSyncAt: null });
    const first = await syncNow(connection.id);
    const [run] = await runs(connection.id);
    if (!run) throw new Error("no run was queued");
    expect(first).toEqual({
      ok: true,
      message: "Syncing First Platypus Bank…",
      data: { result: "started", syncId: run.id },
    });
    expect(run).toMatchObject({ syncType: "manual", status: "pending" });
    expect(run.context).toMatchObject({ trigger: "manual", requested_by: userId });
    expect((await db.plaidConnection.findUniqueOrThrow({ where: { id: connection.id } })).nextSyncAt).not.toBeNull();

    const second = await syncNow(connection.id);
    expect(second).toEqual({
      ok: true,
      message: "First Platypus Bank is already syncing.",
      data: { result: "joined", syncId: run.id },
    });
    expect(await runs(connection.id)).toHaveLength(1);
    // Each press hands the waiting run to the queue; its singleton key keeps that to one job.
    expect(queue.sent).toEqual([connection.id, connection.id]);
  });

  it("joins a run already in progress instead of queueing another", async () => {
    const connection = await createConnection({ userId });
    const running = await createSync({
      plaidConnectionId: connection.id,
      status: "in_progress",
      startedAt: new Date(),
    });
    expect((await syncNow(connection.id)).data).toEqual({ result: "joined", syncId: running.id });
    expect(await runs(connection.id)).toHaveLength(1);
    // The worker running it already has the fresh data coming; no job is needed.
    expect(queue.sent).toEqual([]);
  });

  it("starts a new run once the last one has finished", async () => {
    const connection = await createConnection({ userId });
    const done = await createSync({ plaidConnectionId: connection.id, status: "success", completedAt: new Date() });
    const result = await syncNow(connection.id);
    expect(result.data?.result).toBe("started");
    expect(result.data?.syncId).not.toBe(done.id);
    expect(queue.sent).toEqual([connection.id]);
    expect((await runs(connection.id)).map((run) => run.status)).toEqual(["success", "pending"]);
  });

  it("says why nothing started for a paused, a broken and an unlinked connection", async () => {
    const paused = await createConnection({ userId, pausedAt: new Date() });
    const broken = await createConnection({ userId, requiresReauth: true });
    const inactive = await createConnection({ userId, isActive: false });

    expect(await syncNow(paused.id)).toEqual({
      ok: false,
      message: "Syncing First Platypus Bank is paused by an administrator. It will sync again once they resume it.",
      data: { result: "paused", syncId: null },
    });
    expect(await syncNow(broken.id)).toMatchObject({
      ok: false,
      message: expect.stringContaining("Reconnect it"),
      data: { result: "needs_reconnect" },
    });
    expect(await syncNow(inactive.id)).toMatchObject({ ok: false, data: { result: "inactive" } });
    for (const { id } of [paused, broken, inactive]) expect(await runs(id)).toEqual([]);
    expect(queue.sent).toEqual([]);
  });

  it("treats another person's connection as one that does not exist", async () => {
    const stranger = await createUser();
    const theirs = await createConnection({ userId: stranger.id });
    expect(await syncNow(theirs.id)).toEqual({ message: "This connection could not be found." });
    expect(await syncNow("not-a-uuid")).toEqual({ message: "This connection could not be found." });
    expect(await runs(theirs.id)).toEqual([]);
    expect(queue.sent).toEqual([]);
  });
});
