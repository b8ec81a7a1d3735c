// /api/health: 200 with the backend's name and the live workers when migrated ("degraded" with none),
// 503 with a reason otherwise.
import { afterEach, expect, test, vi } from "vitest";
import { GET } from "@/app/api/health/route";
import { db } from "@/lib/db";
import { recordHeartbeat, WORKER_ALIVE_MS } from "@/lib/jobs/heartbeat";
import { testBackend } from "@/lib/test/databases";

const INIT = "20261123000000_init";

afterEach(async () => {
  await db.workerHeartbeat.deleteMany();
  await db.$executeRawUnsafe(
    `UPDATE "_prisma_migrations" SET migration_name = $1, finished_at = COALESCE(finished_at, now()) WHERE migration_name LIKE $2`,
    INIT,
    `${INIT}%`,
  );
});

test("answers 200 degraded with no worker alive, naming the command that starts one", async () => {
  // A worker that last beat 2 minutes and a second ago, and left its row (killed).
  await beat("gone:1:aa", new Date(Date.now() - WORKER_ALIVE_MS - 1_000));
  const response = await GET();
  expect(response.status).toBe(200);
  expect(response.headers.get("cache-control")).toBe("no-store");
  const body = await response.json();
  expect(body).toMatchObject({
    status: "degraded",
    database: testBackend(),
    migrations: "up-to-date",
    workers: { alive: 0 },
  });
  expect(body.reason).toContain("npm run worker");
});

test("answers 200 ok with the backend, up-to-date migrations and the live workers", async () => {
  await beat("live:2:bb", new Date());
  const response = await GET();
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual({
    status: "ok",
    database: testBackend(),
    migrations: "up-to-date",
    workers: { alive: 1 },
  });
  await beat("live:3:cc", new Date(Date.now() - WORKER_ALIVE_MS + 5_000));
  expect(await (await GET()).json()).toMatchObject({ status: "ok", workers: { alive: 2 } });
});

function beat(workerId: string, now: Date) {
  return recordHeartbeat({ workerId, kind: "worker", startedAt: now, jobsDone: 0, now });
}

test("answers 503 naming the pending migration", async () => {
  await db.$executeRawUnsafe(
    `UPDATE "_prisma_migrations" SET migration_name = $1 WHERE migration_name = $2`,
    `${INIT}_renamed`,
    INIT,
  );
  const response = await GET();
  expect(response.status).toBe(503);
  const body = await response.json();
  expect(body).toMatchObject({ status: "error", database: testBackend(), migrations: "pending" });
  expect(body.reason).toContain(`pending migrations: ${INIT}`);
});

test("answers 503 for a migration that never finished", async () => {
  await db.$executeRawUnsafe(`UPDATE "_prisma_migrations" SET finished_at = NULL WHERE migration_name = $1`, INIT);
  const response = await GET();
  expect(response.status).toBe(503);
  expect((await response.json()).reason).toContain(`failed migrations: ${INIT}`);
});

test.skipIf(testBackend() === "embedded")("answers 503 when PostgreSQL is unreachable", async () => {
  const { closeBackend } = await import("@/lib/db/client");
  const saved = process.env.DATABASE_URL;
  await closeBackend();
  vi.resetModules();
  process.env.DATABASE_URL = "postgresql://postgres@127.0.0.1:1/unreachable";
  vi.spyOn(console, "error").mockImplementation(() => {});
  try {
    const route = await import("@/app/api/health/route");
    const response = await route.GET();
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({
      status: "error",
      database: "postgresql",
      migrations: "unknown",
      reason: "database unreachable",
    });
  } finally {
    const fresh = await import("@/lib/db/client");
    await fresh.closeBackend();
    process.env.DATABASE_URL = saved;
    vi.resetModules();
    vi.restoreAllMocks();
  }
});
