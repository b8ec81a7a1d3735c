// Runs once when a Next.js server starts. First a production server without Plaid (neither its keys
// nor PLAID_EMULATOR=on) stops. Then the embedded database migrates itself, so `npm run dev` on a fresh
// clone needs no other step; PostgreSQL is migrated with `npm run db:migrate`. Then the sync queue:
// workers in this process on the embedded database, a job sender on PostgreSQL.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // A production server needs Plaid's keys or PLAID_EMULATOR=on; building needs neither.
  if (process.env.NEXT_PHASE !== "phase-production-build") {
    const { refuseToStartWithoutPlaid } = await import("@/lib/plaid/startup");
    refuseToStartWithoutPlaid();
  }
  const { prepareDatabaseOnStart } = await import("@/lib/db/startup");
  await prepareDatabaseOnStart();
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  const { startWorkersOnServer } = await import("@/lib/workers/start");
  await startWorkersOnServer();
}
