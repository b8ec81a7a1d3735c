// The progress endpoint "Sync now" polls: a session is required, only the owner learns anything, and
// nothing is cached on the way.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { createConnection, createSync, createUser } from "@/lib/test/factories";

const session = vi.hoisted(() => ({ user: null as null | { id: string; email: string; name: null; role: "user" } }));
vi.mock("@/lib/auth/session", () => ({ getCurrentUser: async () => session.user }));

const { GET } = await import("./route");

let userId: string;

beforeEach(async () => {
  const user = await createUser();
  userId = user.id;
  session.user = { id: user.id, email: user.email, name: null, role: "user" };
});

const get = (id: string) =>
  GET(new Request(`http://localhost/api/connections/${id}/sync`), { params: Promise.resolve({ id }) });

describe("GET /api/connections/<id>/sync", () => {
  it("answers 401 JSON without a session", async () => {
    const connection = await createConnection({ userId });
    session.user = null;
    const response = await get(connection.id);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: "unauthenticated" });
  });

  it("gives the owner the current run, counts and all, never cached", async () => {
    const connection = await createConnection({ userId });
    const startedAt = new Date("2026-11-20T12:00:00Z");
    const run = await createSync({
      plaidConnectionId: connection.id,
      syncType: "manual",
      status: "in_progress",
      startedAt,
      recordsProcessed: 500,
      recordsAdded: 498,
      recordsUpdated: 2,
      context: { trigger: "manual", requested_by: userId, cursor_before: "secret-ish" },
    });
    const response = await get(connection.id);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const body = await response.json();
    expect(body).toEqual({
      id: run.id,
      status: "in_progress",
      syncType: "manual",
      trigger: "manual",
      startedAt: startedAt.toISOString(),
      completedAt: null,
      counts: { processed: 500, added: 498, updated: 2, deleted: 0, failed: 0 },
      errorCode: null,
      errorMessage: null,
      retryAfter: null,
      step: null,
    });
  });

  it("answers null for a connection with no runs yet", async () => {
    const connection = await createConnection({ userId });
    const response = await get(connection.id);
    expect(response.status).toBe(200);
    expect(await response.json()).toBeNull();
  });

  it("answers the same 404 for another person's connection, an unknown id and a malformed one", async () => {
    const stranger = await createUser();
    const theirs = await createConnection({ userId: stranger.id });
    await createSync({ plaidConnectionId: theirs.id, status: "pending" });
    for (const id of [theirs.id, "00000000-0000-4000-8000-000000000000", "nope"]) {
      const response = await get(id);
      expect(response.status, id).toBe(404);
      expect(response.headers.get("cache-control")).toBe("no-store");
      expect(await response.json()).toEqual({ error: "not_found" });
    }
  });
});
