// A Link exchange is written down before any other call, so a crash at any point leaves a finished
// connection or a pending link the sweep settles: finished for the person, or removed at Plaid. The
// real crash (SIGKILL of a process between the exchange and the stored connection) needs a database
// two processes share, so it runs on PostgreSQL; the failure paths run on both backends.
import { spawn } from "node:child_process";
import { Products } from "plaid";
import { describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { isAppError } from "@/lib/errors";
import { addFault } from "@/lib/sync/engine/test-support";
import { testBackend } from "@/lib/test/databases";
import { setUpEmulatorServer } from "@/lib/test/emulator";
import { createUser } from "@/lib/test/factories";

vi.mock("@/lib/plaid/config", () => import("@/lib/test/emulator"));
// Set by a test to make asking for the first sync fail once, after the connection is stored.
const firstSync = vi.hoisted(() => ({ failNext: false }));
vi.mock("@/lib/sync", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/sync")>();
  return {
    ...actual,
    requestAndEnqueueSync: async (...args: Parameters<typeof actual.requestAndEnqueueSync>) => {
      if (firstSync.failNext) {
        firstSync.failNext = false;
        throw new Error("the queue is unreachable");
      }
      return actual.requestAndEnqueueSync(...args);
    },
  };
});

const { exchangePublicToken } = await import("./link");
const { settlePendingLinks, PENDING_LINK_GRACE_MS } = await import("./pending-links");
const { requestDueSyncs } = await import("@/lib/sync/queue/scheduler");
const server = setUpEmulatorServer();

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** A sweep as the minute scheduler runs it once the grace period is over. */
const sweepLater = () => settlePendingLinks({ now: new Date(Date.now() + PENDING_LINK_GRACE_MS + 1_000) });

async function publicToken() {
  const { data } = await server.api.sandboxPublicTokenCreate({
    institution_id: "ins_109508",
    initial_products: [Products.Transactions],
  });
  return data.public_token;
}

/** Every item the emulator still holds (removed ones are not listed). */
async function emulatorItemIds(): Promise<string[]> {
  const answer = await server.post("/emulator/items/list", {});
  return (answer.body as { items: { item_id: string }[] }).items.map((item) => item.item_id);
}

/** No item at Plaid that the app does not know as a connection, and no half-written link. */
async function expectNoOrphans() {
  const connections = await db.plaidConnection.findMany({ select: { itemId: true } });
  expect((await emulatorItemIds()).sort()).toEqual(connections.map((row) => row.itemId).sort());
  expect(await db.pendingLink.count()).toBe(0);
}

describe("a link that fails after the exchange", () => {
  it("with Plaid unable to remove the item either, the sweep removes it later (never links it behind the person's back)", async () => {
    const user = await createUser();
    await addFault(server, { endpoint: "/accounts/get", error_code: "INTERNAL_SERVER_ERROR", remaining: 1 });
    await addFault(server, { endpoint: "/item/remove", error_code: "INTERNAL_SERVER_ERROR", remaining: 1 });
    const error = await exchangePublicToken({
      userId: user.id,
      publicToken: await publicToken(),
      metadata: { institution: null },
    }).catch((caught: unknown) => caught);
    expect(isAppError(error)).toBe(true);
    const [left] = await db.pendingLink.findMany();
    expect(left).toMatchObject({ userId: user.id, lastError: "remove: INTERNAL_SERVER_ERROR" });
    expect(left?.accessToken).not.toMatch(/^access-/);
    expect(await emulatorItemIds()).toContain(left?.itemId);

    // Still the request's during the grace period.
    expect(await settlePendingLinks()).toEqual({ finished: 0, removed: 0, failed: 0 });
    expect(await sweepLater()).toEqual({ finished: 0, removed: 1, failed: 0 });
    expect(await db.plaidConnection.count({ where: { userId: user.id } })).toBe(0);
    await expectNoOrphans();
  });

  it("a failure after the connection is stored keeps the link: the item stays at Plaid, the sweep asks for the sync", async () => {
    const user = await createUser();
    firstSync.failNext = true;
    const linked = await exchangePublicToken({
      userId: user.id,
      publicToken: await publicToken(),
      metadata: { institution: null },
    });
    expect(firstSync.failNext).toBe(false);
    const connection = await db.plaidConnection.findUniqueOrThrow({ where: { id: linked.connectionId } });
    expect(connection).toMatchObject({ userId: user.id, isActive: true });
    // Nothing undid the link: the item is still at Plaid, known as this connection, and nothing is pending.
    expect(await emulatorItemIds()).toContain(connection.itemId);
    await expectNoOrphans();
    expect(await db.transactionSync.count({ where: { plaidConnectionId: connection.id } })).toBe(0);
    // A new connection is due at once: the minute sweep asks for its initial sync.
    expect(await requestDueSyncs()).toContain(connection.id);
    expect(await db.transactionSync.findFirst({ where: { plaidConnectionId: connection.id } })).toMatchObject({
      syncType: "initial",
      status: "pending",
    });
  });

  it("a link that succeeds leaves no pending row", async () => {
    const user = await createUser();
    await exchangePublicToken({ userId: user.id, publicToken: await publicToken(), metadata: { institution: null } });
    await expectNoOrphans();
  });
});

describe.skipIf(testBackend() !== "postgresql")(
  "a process killed between the exchange and the stored connection",
  () => {
    /** Links in a process of its own, and kills it with SIGKILL once its exchange is written down. */
    async function linkAndKill(userId: string): Promise<string> {
      // The call after the exchange hangs, so the kill lands between the two steps.
      await addFault(server, { endpoint: "/accounts/get", latency_ms: 20_000 });
      const child = spawn(
        process.execPath,
        [
          "--conditions=react-server",
          "--import",
          "tsx",
          "lib/connections/pending-links.child.ts",
          userId,
          await publicToken(),
        ],
        { env: { ...process.env, PLAID_EMULATOR_URL: server.url }, stdio: ["ignore", "pipe", "pipe"] },
      );
      let output = "";
      child.stdout.on("data", (chunk) => (output += chunk));
      child.stderr.on("data", (chunk) => (output += chunk));
      const exited = new Promise((resolve) => child.once("exit", (_code, signal) => resolve(signal)));
      const deadline = Date.now() + 30_000;
      let pending = await db.pendingLink.findFirst({ where: { userId } });
      while (!pending && Date.now() < deadline && child.exitCode === null) {
        await sleep(100);
        pending = await db.pendingLink.findFirst({ where: { userId } });
      }
      child.kill("SIGKILL");
      expect(await exited, output).toBe("SIGKILL");
      await server.post("/emulator/faults/clear", {});
      expect(pending, output).not.toBeNull();
      // Dead mid-link: the item exists at Plaid, the app holds only the pending link.
      expect(await emulatorItemIds()).toContain(pending?.itemId);
      expect(await db.plaidConnection.count({ where: { userId } })).toBe(0);
      return pending?.itemId ?? "";
    }

    it("the sweep finishes the link for the person: one connection, its first sync asked for, no orphan", async () => {
      const user = await createUser();
      const itemId = await linkAndKill(user.id);
      expect(await sweepLater()).toEqual({ finished: 1, removed: 0, failed: 0 });
      const connection = await db.plaidConnection.findFirstOrThrow({
        where: { userId: user.id },
        include: { bankAccounts: true, transactionSyncs: true },
      });
      expect(connection.itemId).toBe(itemId);
      expect(connection.bankAccounts.length).toBeGreaterThan(0);
      expect(connection.transactionSyncs).toEqual([
        expect.objectContaining({ syncType: "initial", status: "pending" }),
      ]);
      await expectNoOrphans();
    }, 60_000);

    it("when the person is gone by then, the sweep removes the item at Plaid", async () => {
      const user = await createUser();
      const itemId = await linkAndKill(user.id);
      await db.user.delete({ where: { id: user.id } });
      expect(await db.pendingLink.findFirst({ where: { itemId } })).toMatchObject({ userId: null });
      expect(await sweepLater()).toEqual({ finished: 0, removed: 1, failed: 0 });
      expect(await emulatorItemIds()).not.toContain(itemId);
      await expectNoOrphans();
    }, 60_000);
  },
);
