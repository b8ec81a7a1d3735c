// `npm run db:migrate`: applies pending migrations to the configured backend (PostgreSQL with
// DATABASE_URL, the embedded database otherwise) and exits non-zero, saying why, when it cannot.
import "./load-env";
import { closeBackend, databaseKind } from "@/lib/db/client";
import { migrateDatabase } from "@/lib/db/setup";

async function main(): Promise<number> {
  const kind = databaseKind();
  try {
    const applied = await migrateDatabase();
    if (applied.length === 0) console.log(`Database (${kind}) is up to date.`);
    else console.log(`Applied ${applied.length} migration(s) to the ${kind} database:\n  ${applied.join("\n  ")}`);
    return 0;
  } catch (error) {
    console.error(`Migration failed (${kind} database): ${(error as Error).message}`);
    return 1;
  } finally {
    await closeBackend();
  }
}

process.exitCode = await main();
