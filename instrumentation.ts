// Runs once when a Next.js server starts. The embedded database migrates itself here, so
// `npm run dev` on a fresh clone needs no other step; PostgreSQL is migrated with `npm run db:migrate`.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { prepareDatabaseOnStart } = await import("./lib/db/startup");
  await prepareDatabaseOnStart();
}
