// What /api/health reports about the database: which backend, whether it answers, and whether
// every migration is applied.
import "server-only";
import { log } from "@/lib/log";
import { databaseKind } from "./client";
import type { MigrationStatus } from "./migrate";
import { databaseMigrationStatus } from "./setup";

type Database = "embedded" | "postgresql";

export type DatabaseHealth =
  | { ok: true; database: Database; migrations: "up-to-date"; status: MigrationStatus }
  | { ok: false; database: Database; reason: string; migrations: "pending"; status: MigrationStatus }
  | { ok: false; database: Database; reason: string; migrations: "unknown"; status?: undefined };

export async function checkDatabaseHealth(): Promise<DatabaseHealth> {
  const database = databaseKind();
  let status: Awaited<ReturnType<typeof databaseMigrationStatus>>;
  try {
    status = await databaseMigrationStatus();
  } catch (error) {
    log.error({ err: error }, "health: database check failed");
    return { ok: false, database, reason: "database unreachable", migrations: "unknown" };
  }
  const problems = [
    status.pending.length > 0 && `pending migrations: ${status.pending.join(", ")}`,
    status.modified.length > 0 && `modified migrations: ${status.modified.join(", ")}`,
    status.failed.length > 0 && `failed migrations: ${status.failed.join(", ")}`,
    status.missing.length > 0 && `unknown migrations: ${status.missing.join(", ")}`,
  ].filter((problem): problem is string => Boolean(problem));
  if (problems.length > 0) return { ok: false, database, reason: problems.join("; "), migrations: "pending", status };
  return { ok: true, database, migrations: "up-to-date", status };
}
