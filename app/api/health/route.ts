// GET /api/health: the database (backend, reachable, migrated) and the job workers (how many beat in the
// last two minutes). 503 "error" when the database is not usable; 200 "degraded" when it is but no worker
// is alive, so syncs, alerts and health checks wait (docs/operations.md, Health).
import { checkDatabaseHealth } from "@/lib/db/health";
import { countAliveWorkers, WORKER_ALIVE_MS } from "@/lib/jobs/heartbeat";
import { log } from "@/lib/log";

export const dynamic = "force-dynamic";

const NO_STORE = { "Cache-Control": "no-store" };
const NO_WORKER = `no job worker has sent a heartbeat in the last ${WORKER_ALIVE_MS / 60_000} minutes; start one with npm run worker`;

export async function GET() {
  const health = await checkDatabaseHealth();
  if (!health.ok) {
    return Response.json(
      { status: "error", database: health.database, migrations: health.migrations, reason: health.reason },
      { status: 503, headers: NO_STORE },
    );
  }
  const alive = await countAliveWorkers().catch((error: unknown) => {
    log.error({ err: error }, "health: could not count the workers");
    return null;
  });
  if (alive === null) {
    return Response.json(
      { status: "error", database: health.database, migrations: health.migrations, reason: "database unreachable" },
      { status: 503, headers: NO_STORE },
    );
  }
  return Response.json(
    {
      status: alive > 0 ? "ok" : "degraded",
      database: health.database,
      migrations: health.migrations,
      workers: { alive },
      ...(alive > 0 ? {} : { reason: NO_WORKER }),
    },
    { headers: NO_STORE },
  );
}
