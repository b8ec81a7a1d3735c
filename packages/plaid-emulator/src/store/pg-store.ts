// The store over node-postgres: a Pool the caller hands over (and keeps owning), or one opened here from
// a connection string (and ended by close()).
import pg from "pg";
import type { EmulatorStore, SqlParams, SqlTransaction } from "./store.ts";

export type PgStoreOptions =
  | { pool: pg.Pool }
  | {
      connectionString: string;
      /** Connections in the pool the store opens (default 10). */
      max?: number;
    };

function transactionOn(client: pg.PoolClient): SqlTransaction {
  return {
    query: async <Row>(text: string, params?: SqlParams) =>
      (await client.query(text, params as unknown[] | undefined)).rows as Row[],
    exec: async (text: string) => {
      await client.query(text);
    },
  };
}

export function createPgStore(options: PgStoreOptions): EmulatorStore {
  const owned = !("pool" in options);
  const pool =
    "pool" in options
      ? options.pool
      : new pg.Pool({ connectionString: options.connectionString, max: options.max ?? 10 });
  // An idle connection the server drops (a restart, a test database dropped with FORCE) must not take
  // the process down; the next query opens a new one.
  if (owned) pool.on("error", () => undefined);
  return {
    async query<Row>(text: string, params?: SqlParams) {
      return (await pool.query(text, params as unknown[] | undefined)).rows as Row[];
    },
    async transaction<T>(fn: (tx: SqlTransaction) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      let broken: unknown;
      try {
        await client.query("BEGIN");
        const result = await fn(transactionOn(client));
        await client.query("COMMIT");
        return result;
      } catch (error) {
        await client.query("ROLLBACK").catch((rollbackError: unknown) => {
          broken = rollbackError;
        });
        throw error;
      } finally {
        // A connection whose rollback failed is in an unknown state: destroy it rather than reuse it.
        client.release(broken instanceof Error ? broken : undefined);
      }
    },
    async close() {
      if (owned) await pool.end();
    },
  };
}
