// The standalone emulator's storage: PostgreSQL when given a URL, else an embedded PGlite in a folder
// of its own. PGlite corrupts a folder two processes open, so the folder is locked while it is open.
import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import lockfile from "proper-lockfile";
import { createPgStore } from "../store/pg-store.ts";
import { createPgliteStore } from "../store/pglite-store.ts";
import type { EmulatorStore } from "../store/store.ts";
import type { StandaloneOptions } from "./options.ts";

export class DataDirLockedError extends Error {
  constructor(readonly dataDir: string) {
    super(
      `The emulator's embedded database in ${dataDir} is already open in another process. PGlite allows ` +
        "one process per folder: stop the other emulator, choose another --data-dir, or use --database-url.",
    );
    this.name = "DataDirLockedError";
  }
}

/** The store, and a description of where it keeps its state for the start-up line. */
export function openStandaloneStore(options: Pick<StandaloneOptions, "databaseUrl" | "dataDir">): {
  store: EmulatorStore;
  where: string;
} {
  if (options.databaseUrl) {
    const url = new URL(options.databaseUrl);
    return {
      store: createPgStore({ connectionString: options.databaseUrl }),
      where: `PostgreSQL database ${url.pathname.slice(1) || "postgres"} on ${url.host}, schema plaid_emulator`,
    };
  }
  const dataDir = path.resolve(options.dataDir);
  fs.mkdirSync(dataDir, { recursive: true });
  let release: () => void;
  try {
    release = lockfile.lockSync(dataDir, {
      lockfilePath: path.join(dataDir, ".plaid-emulator.lock"),
      realpath: false,
      // Refreshed every 5 s; a lock untouched for 30 s belongs to a process that died.
      stale: 30_000,
      update: 5_000,
      onCompromised: (error) => {
        console.error(`Lost the lock on ${dataDir}: ${error.message}`);
        process.exit(1);
      },
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ELOCKED") throw new DataDirLockedError(dataDir);
    throw error;
  }
  const store = createPgliteStore(new PGlite(dataDir), { closeDatabase: true });
  return {
    store: {
      ...store,
      async close() {
        try {
          await store.close();
        } finally {
          release();
        }
      },
    },
    where: `embedded database in ${options.dataDir}`,
  };
}
