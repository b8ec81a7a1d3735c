// What the web server does with the database when it starts: the embedded database is migrated (and
// locked to this process); PostgreSQL is left to `npm run db:migrate`, and /api/health reports
// pending migrations there.
import "server-only";
import { log } from "@/lib/log";
import { databaseKind } from "./client";
import { migrateDatabase } from "./setup";

export async function prepareDatabaseOnStart(): Promise<void> {
  if (databaseKind() !== "embedded" || process.env.NEXT_PHASE === "phase-production-build") return;
  try {
    const applied = await migrateDatabase();
    if (applied.length > 0) log.info({ migrations: applied }, "Embedded database: migrations applied");
  } catch (error) {
    // Plain text on stderr, like a bad setting's message: it is for the person starting the server.
    process.stderr.write(`Mingus cannot start: ${(error as Error).message}\n`);
    process.exit(1);
  }
}
