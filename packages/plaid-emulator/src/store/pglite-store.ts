// The store over PGlite (embedded PostgreSQL). PGlite runs one statement and one transaction at a time
// and allows one process per data folder, so a host that already has a PGlite hands over that same
// instance; opening the folder a second time would corrupt it.
import type { PGlite } from "@electric-sql/pglite";
import type { EmulatorStore, SqlParams } from "./store.ts";

export type PgliteLike = Pick<PGlite, "query" | "transaction" | "close">;

export type PgliteStoreOptions = {
  /** close() closes the database too (the store opened it); by default the caller keeps it open. */
  closeDatabase?: boolean;
};

export function createPgliteStore(
  pglite: PgliteLike,
  { closeDatabase = false }: PgliteStoreOptions = {},
): EmulatorStore {
  return {
    async query<Row>(text: string, params?: SqlParams) {
      return (await pglite.query<Row>(text, params as unknown[] | undefined)).rows;
    },
    transaction: (fn) =>
      pglite.transaction((tx) =>
        fn({
          query: async <Row>(text: string, params?: SqlParams) =>
            (await tx.query<Row>(text, params as unknown[] | undefined)).rows,
          exec: async (text: string) => {
            await tx.exec(text);
          },
        }),
      ),
    async close() {
      if (closeDatabase) await pglite.close();
    },
  };
}
