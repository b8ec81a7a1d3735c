// pg-boss's work() with the job's end in our hands. pg-boss 10 completes or fails a job without
// awaiting the call, so a database outage at that moment becomes an unhandled rejection. Here the
// handler's error is caught and logged, and the job is completed (or failed) by us, awaited, waiting
// for the database if it is down; pg-boss's own call that follows then finds the job already ended and
// changes nothing. The database rows remain the requests: a job lost anyway is found by the minute sweep.
import "server-only";
import type PgBoss from "pg-boss";
import { retryWhileDatabaseDown } from "@/lib/db/availability";
import { log } from "@/lib/log";

export async function workSafely<Data extends object>(
  boss: PgBoss,
  name: string,
  options: PgBoss.WorkOptions & { batchSize?: number },
  handler: (jobs: PgBoss.Job<Data>[]) => Promise<unknown>,
  { stopping }: { stopping: AbortSignal },
): Promise<string> {
  return boss.work<Data>(name, options, async (jobs) => {
    if (jobs.length === 0) return;
    const ids = jobs.map((job) => job.id);
    let failure: unknown;
    try {
      await handler(jobs);
    } catch (error) {
      failure = error;
      log.error({ queue: name, err: error }, "job failed");
    }
    await endJobs(boss, { name, ids, failure, stopping });
  });
}

async function endJobs(
  boss: PgBoss,
  { name, ids, failure, stopping }: { name: string; ids: string[]; failure: unknown; stopping: AbortSignal },
): Promise<void> {
  let logged = false;
  try {
    await retryWhileDatabaseDown(
      async () => {
        if (failure === undefined) return void (await boss.complete(name, ids));
        const output = { message: failure instanceof Error ? failure.message : String(failure) };
        await Promise.all(ids.map((id) => boss.fail(name, id, output)));
      },
      {
        signal: stopping,
        onDown: () => {
          if (!logged)
            log.error({ queue: name }, "job queue: the database is unavailable; the jobs end when it returns");
          logged = true;
        },
      },
    );
  } catch (error) {
    // Shutting down with the database away: pg-boss's expiry ends the job later.
    log.error({ queue: name, jobIds: ids, err: error }, "job queue: could not end jobs");
  }
}
