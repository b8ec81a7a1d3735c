// Runs once when a Next.js server starts. The embedded database migrates itself here, so
// `npm run dev` on a fresh clone needs no other step; PostgreSQL is migrated with `npm run db:migrate`.
// Then the sync queue: workers in this process on the embedded database, a job sender on PostgreSQL.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { prepareDatabaseOnStart } = await import("./lib/db/startup");
  await prepareDatabaseOnStart();
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  const { startQueueOnServer } = await import("./lib/sync/queue/start");
  await startQueueOnServer();
}
