// Migration entry points for the configured backend, used by the CLI, the embedded app's start-up
// and /api/health.
import "server-only";
import { type Backend, getBackend } from "./client";
import {
  getMigrationStatus,
  type MigrationStatus,
  type MigrationTarget,
  migrate,
  pgliteTarget,
  postgresTarget,
} from "./migrate";

/** Reads through the Prisma client, so a status check shares the app's pool. */
function prismaReadTarget(backend: Backend): MigrationTarget {
  return {
    query: <T>(sql: string, params: unknown[] = []) => backend.client.$queryRawUnsafe<T[]>(sql, ...params),
    transaction: () => Promise.reject(new Error("read-only migration target")),
    withLock: (fn) => fn(),
  };
}

export async function migrateDatabase(): Promise<string[]> {
  const backend = getBackend();
  if (backend.kind === "embedded") return migrate(pgliteTarget(backend.pglite));
  const target = await postgresTarget(backend.url);
  try {
    return await migrate(target);
  } finally {
    await target.close();
  }
}

export async function databaseMigrationStatus(): Promise<MigrationStatus> {
  return getMigrationStatus(prismaReadTarget(getBackend()));
}
