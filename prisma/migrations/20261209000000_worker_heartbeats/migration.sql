-- Job worker liveness (docs/operations.md, Workers): each process that runs jobs (`npm run worker`, or
-- the web server's own workers) upserts its row every ~10 s and deletes it when it stops. /api/health,
-- the admin page and the reaper read it: a worker silent for 20 s is dead, and its runs are recovered.
CREATE TABLE "worker_heartbeats" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "host" TEXT NOT NULL,
    "pid" INTEGER NOT NULL,
    "started_at" TIMESTAMPTZ(6) NOT NULL,
    "jobs_done" INTEGER NOT NULL DEFAULT 0,
    "last_beat_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "worker_heartbeats_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "chk_worker_heartbeats_kind" CHECK ("kind" IN ('worker', 'web')),
    CONSTRAINT "chk_worker_heartbeats_jobs_done" CHECK ("jobs_done" >= 0)
);

CREATE INDEX "idx_worker_heartbeats_last_beat_at" ON "worker_heartbeats"("last_beat_at");
