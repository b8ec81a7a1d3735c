// What the web server does with the database when it starts: the embedded database is migrated (and
// locked to this process); PostgreSQL is left to `npm run db:migrate`, and /api/health reports
// pending migrations there.
import "server-only";
import { databaseKind } from "./client";
import { migrateDatabase } from "./setup";

export async function prepareDatabaseOnStart(): Promise<void> {
  if (databaseKind() !== "embedded" || process.env.NEXT_PHASE === "phase-production-build") return;
  try {
    const applied = await migrateDatabase();
    if (applied.length > 0) console.log(`Embedded database: applied ${applied.join(", ")}`);
  } catch (error) {
    console.error(`Mingus cannot start: ${(error as Error).message}`);
    process.exit(1);
  }
}
