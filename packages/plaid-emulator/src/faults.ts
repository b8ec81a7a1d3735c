// Injected faults, kept in plaid_emulator.faults. A fault matches an item (or every item, item_id
// NULL) and an endpoint (or every endpoint); when it fires (always, or with probability `rate`) it
// adds latency, appends a transaction change when a /transactions/sync call is mid-pagination, and/or
// answers with a Plaid error. `remaining` counts firings down; the fault is deleted at zero.
import { randomInt } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import type { EmulatorErrorCode } from "./error-catalog.ts";
import { EmulatorError } from "./errors.ts";
import type { EmulatorStore, Sql } from "./store/store.ts";
import { mutateOneTransaction } from "./transactions-refresh.ts";

export type FaultInput = {
  item_id?: string | null;
  endpoint?: string | null;
  error_code?: EmulatorErrorCode | null;
  remaining?: number | null;
  rate?: number | null;
  latency_ms?: number;
  mutate_during_pagination?: boolean;
  retry_after_seconds?: number | null;
};

export type Fault = {
  id: string;
  item_id: string | null;
  endpoint: string | null;
  error_code: string | null;
  remaining: number | null;
  rate: number | null;
  latency_ms: number;
  mutate_during_pagination: boolean;
  retry_after_seconds: number | null;
  created_at: string;
};

type FaultRow = Omit<Fault, "created_at"> & { created_at: Date };

const FAULT_COLUMNS =
  "id, item_id, endpoint, error_code, remaining, rate, latency_ms, mutate_during_pagination, retry_after_seconds, " +
  "created_at";

/** "/transactions/sync" whether or not the caller wrote the leading slash. */
export function normalizeEndpoint(endpoint: string): string {
  return `/${endpoint.trim().replace(/^\/+/, "").replace(/\/+$/, "")}`;
}

export function serializeFault(fault: FaultRow): Fault {
  return { ...fault, created_at: fault.created_at.toISOString() };
}

export async function createFault(sql: Sql, input: FaultInput): Promise<Fault> {
  const [fault] = await sql.query<FaultRow>(
    `INSERT INTO plaid_emulator.faults
       (item_id, endpoint, error_code, remaining, rate, latency_ms, mutate_during_pagination, retry_after_seconds)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     RETURNING ${FAULT_COLUMNS}`,
    [
      input.item_id ?? null,
      input.endpoint ? normalizeEndpoint(input.endpoint) : null,
      input.error_code ?? null,
      input.remaining ?? null,
      input.rate ?? null,
      input.latency_ms ?? 0,
      input.mutate_during_pagination ?? false,
      input.retry_after_seconds ?? null,
    ],
  );
  return serializeFault(fault as FaultRow);
}

export async function listFaults(sql: Sql): Promise<Fault[]> {
  const faults = await sql.query<FaultRow>(
    `SELECT ${FAULT_COLUMNS} FROM plaid_emulator.faults ORDER BY created_at, id`,
  );
  return faults.map(serializeFault);
}

/** Removes every fault, or only those of one item. */
export async function clearFaults(sql: Sql, { itemId }: { itemId?: string } = {}): Promise<number> {
  const cleared = itemId
    ? await sql.query("DELETE FROM plaid_emulator.faults WHERE item_id = $1 RETURNING id", [itemId])
    : await sql.query("DELETE FROM plaid_emulator.faults RETURNING id");
  return cleared.length;
}

/** Claims one firing of a counted fault; false when another call took its last one. */
async function claimFiring(sql: Sql, fault: FaultRow): Promise<boolean> {
  if (fault.remaining === null) return true;
  const claimed = await sql.query(
    "UPDATE plaid_emulator.faults SET remaining = remaining - 1 WHERE id = $1 AND remaining > 0 RETURNING id",
    [fault.id],
  );
  await sql.query("DELETE FROM plaid_emulator.faults WHERE id = $1 AND remaining = 0", [fault.id]);
  return claimed.length === 1;
}

const fires = (rate: number | null) => rate === null || randomInt(1_000_000) < rate * 1_000_000;

/** Runs the faults that match this call: waits, mutates, then throws the first fault's error. */
export async function applyFaults(
  store: EmulatorStore,
  { endpoint, itemId, paginating }: { endpoint: string; itemId: string | null; paginating: boolean },
): Promise<void> {
  const faults = await store.query<FaultRow>(
    `SELECT ${FAULT_COLUMNS} FROM plaid_emulator.faults
     WHERE (item_id IS NULL OR item_id = $1) AND (endpoint IS NULL OR endpoint = $2)
     ORDER BY created_at, id`,
    [itemId, endpoint],
  );
  let latencyMs = 0;
  let failure: EmulatorError | null = null;
  for (const fault of faults) {
    // A mutation fault only concerns calls in the middle of a pagination.
    if (fault.mutate_during_pagination && !(paginating && itemId)) continue;
    if (!fires(fault.rate) || !(await claimFiring(store, fault))) continue;
    latencyMs = Math.max(latencyMs, fault.latency_ms);
    if (fault.mutate_during_pagination && itemId) await mutateOneTransaction(store, itemId);
    if (fault.error_code && !failure) {
      failure = new EmulatorError(fault.error_code as EmulatorErrorCode, {
        retryAfterSeconds: fault.retry_after_seconds,
      });
    }
  }
  if (latencyMs > 0) await sleep(latencyMs);
  if (failure) throw failure;
}
