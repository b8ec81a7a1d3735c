// The emulator's storage contract: a little SQL surface any PostgreSQL can offer (node-postgres, PGlite,
// a host application's own connection), so the emulator depends on no ORM and on nothing of its host.

export type SqlParams = readonly unknown[];

/** Runs one statement with `$1`… parameters and returns its rows. */
export interface Sql {
  query<Row = Record<string, unknown>>(text: string, params?: SqlParams): Promise<Row[]>;
}

/** A connection inside one transaction; `exec` runs parameterless SQL of several statements (migrations). */
export interface SqlTransaction extends Sql {
  exec(text: string): Promise<void>;
}

export interface EmulatorStore extends Sql {
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: SqlTransaction) => Promise<T>): Promise<T>;
  /** Releases what the store opened itself (a pool, a database); what it was handed stays open. */
  close(): Promise<void>;
}

/** A count or sequence number as a number, whichever way the driver returns bigint columns. */
export function toNumber(value: unknown): number {
  if (typeof value === "number") return value;
  if (typeof value === "bigint" || typeof value === "string") return Number(value);
  throw new TypeError(`expected a number, got ${typeof value}`);
}

/** JSON for a `$n::text::jsonb` parameter: drivers disagree on how they send objects and arrays. */
export function json(value: unknown): string {
  return JSON.stringify(value);
}
