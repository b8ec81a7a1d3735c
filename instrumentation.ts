// Runs once when a Next.js server starts. First the settings are checked whole: a bad one stops the
// server with status 1 and a message naming each bad variable (lib/env.ts). Then a production server
// without Plaid (neither its keys nor PLAID_EMULATOR=on) stops, and one serving the emulator warns
// that it is not for real data. Then the embedded database migrates
// itself, so `npm run dev` on a fresh clone needs no other step; PostgreSQL is migrated with
// `npm run db:migrate`. Then the sync queue: workers in this process on the embedded database, a job
// sender on PostgreSQL.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { exitOnEnvError } = await import("@/lib/env-error");
  try {
    await import("@/lib/env");
  } catch (error) {
    // Next.js would log an error thrown from here and serve anyway; a bad setting must stop it instead.
    exitOnEnvError(error);
    throw error;
  }
  // Before any request: the connection's address, which X-Forwarded-For cannot fake (lib/security).
  const { installPeerAddressHeader } = await import("@/lib/security/peer-address");
  installPeerAddressHeader();
  // A production server needs Plaid's keys or PLAID_EMULATOR=on; building needs neither.
  if (process.env.NEXT_PHASE !== "phase-production-build") {
    const { refuseToStartWithoutPlaid, warnWhenEmulatorServed } = await import("@/lib/plaid/startup");
    refuseToStartWithoutPlaid();
    warnWhenEmulatorServed();
  }
  const { prepareDatabaseOnStart } = await import("@/lib/db/startup");
  await prepareDatabaseOnStart();
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  const { startWorkersOnServer } = await import("@/lib/workers/start");
  await startWorkersOnServer();
}
