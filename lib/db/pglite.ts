// The embedded PostgreSQL (PGlite) in a local data folder. PGlite is single-process: a second process
// opening the same folder corrupts it silently, so the folder is locked for the life of the process
// and a second process fails with a message saying what to do instead.
import "server-only";
import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import lockfile from "proper-lockfile";
import { log } from "@/lib/log";

export const IN_MEMORY = "memory://";

export class EmbeddedDatabaseLockedError extends Error {
  constructor(readonly dataDir: string) {
    super(
      `The embedded database in ${dataDir} is already open in another process. PGlite allows one ` +
        "process per data folder: stop the other Mingus process (dev server, worker, seed or migrate), " +
        "or set DATABASE_URL to use PostgreSQL, which any number of processes can share.",
    );
    this.name = "EmbeddedDatabaseLockedError";
  }
}

function lockDataDir(dataDir: string): () => void {
  try {
    return lockfile.lockSync(dataDir, {
      lockfilePath: path.join(dataDir, ".mingus.lock"),
      realpath: false,
      // The holder refreshes the lock every 5 s; one untouched for 30 s belongs to a dead process.
      stale: 30_000,
      update: 5_000,
      onCompromised: (error) => {
        log.fatal({ err: error, dataDir }, "Lost the lock on the embedded database; stopping");
        process.exit(1);
      },
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ELOCKED") throw new EmbeddedDatabaseLockedError(dataDir);
    throw error;
  }
}

/**
 * A PGlite with the extensions the migrations create (pg_trgm, for transaction search). Every embedded
 * database that runs the product's migrations is made here, so none lacks one.
 */
export function createPGlite(dataDir?: string): PGlite {
  return new PGlite({ dataDir, extensions: { pg_trgm } });
}

export interface EmbeddedDatabase {
  pglite: PGlite;
  /** Closes the database and releases the folder's lock. */
  close(): Promise<void>;
}

/** Opens the embedded database, locking its data folder first (not for in-memory databases). */
export function openEmbeddedDatabase(dataDir: string): EmbeddedDatabase {
  if (dataDir === IN_MEMORY) {
    const pglite = createPGlite();
    return { pglite, close: () => pglite.close() };
  }
  const absolute = path.resolve(dataDir);
  fs.mkdirSync(absolute, { recursive: true });
  const release = lockDataDir(absolute);
  const pglite = createPGlite(absolute);
  return {
    pglite,
    async close() {
      try {
        await pglite.close();
      } finally {
        release();
      }
    },
  };
}
