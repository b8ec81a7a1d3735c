// Injected faults, kept in plaid_emulator_faults. A fault matches an item (or every item, item_id
// NULL) and an endpoint (or every endpoint); when it fires (always, or with probability `rate`) it
// adds latency, appends a transaction change when a /transactions/sync call is mid-pagination, and/or
// answers with a Plaid error. `remaining` counts firings down; the fault is deleted at zero.
import "server-only";
import { randomInt } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { db, type PlaidEmulatorFaultModel as PlaidEmulatorFault } from "@/lib/db";
import type { EmulatorErrorCode } from "./error-catalog";
import { EmulatorError } from "./errors";
import { mutateOneTransaction } from "./transactions-refresh";

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

/** "/transactions/sync" whether or not the caller wrote the leading slash. */
export function normalizeEndpoint(endpoint: string): string {
  return `/${endpoint.trim().replace(/^\/+/, "").replace(/\/+$/, "")}`;
}

export function serializeFault(fault: PlaidEmulatorFault): Fault {
  return {
    id: fault.id,
    item_id: fault.itemId,
    endpoint: fault.endpoint,
    error_code: fault.errorCode,
    remaining: fault.remaining,
    rate: fault.rate,
    latency_ms: fault.latencyMs,
    mutate_during_pagination: fault.mutateDuringPagination,
    retry_after_seconds: fault.retryAfterSeconds,
    created_at: fault.createdAt.toISOString(),
  };
}

export async function createFault(input: FaultInput): Promise<Fault> {
  const fault = await db.plaidEmulatorFault.create({
    data: {
      itemId: input.item_id ?? null,
      endpoint: input.endpoint ? normalizeEndpoint(input.endpoint) : null,
      errorCode: input.error_code ?? null,
      remaining: input.remaining ?? null,
      rate: input.rate ?? null,
      latencyMs: input.latency_ms ?? 0,
      mutateDuringPagination: input.mutate_during_pagination ?? false,
      retryAfterSeconds: input.retry_after_seconds ?? null,
    },
  });
  return serializeFault(fault);
}

export async function listFaults(): Promise<Fault[]> {
  const faults = await db.plaidEmulatorFault.findMany({ orderBy: { createdAt: "asc" } });
  return faults.map(serializeFault);
}

/** Removes every fault, or only those of one item. */
export async function clearFaults({ itemId }: { itemId?: string } = {}): Promise<number> {
  const { count } = await db.plaidEmulatorFault.deleteMany({ where: itemId ? { itemId } : {} });
  return count;
}

/** Claims one firing of a counted fault; false when another call took its last one. */
async function claimFiring(fault: PlaidEmulatorFault): Promise<boolean> {
  if (fault.remaining === null) return true;
  const { count } = await db.plaidEmulatorFault.updateMany({
    where: { id: fault.id, remaining: { gt: 0 } },
    data: { remaining: { decrement: 1 } },
  });
  await db.plaidEmulatorFault.deleteMany({ where: { id: fault.id, remaining: 0 } });
  return count === 1;
}

const fires = (rate: number | null) => rate === null || randomInt(1_000_000) < rate * 1_000_000;

/** Runs the faults that match this call: waits, mutates, then throws the first fault's error. */
export async function applyFaults({
  endpoint,
  itemId,
  paginating,
}: {
  endpoint: string;
  itemId: string | null;
  paginating: boolean;
}): Promise<void> {
  const faults = await db.plaidEmulatorFault.findMany({
    where: {
      AND: [{ OR: [{ itemId: null }, ...(itemId ? [{ itemId }] : [])] }, { OR: [{ endpoint: null }, { endpoint }] }],
    },
    orderBy: { createdAt: "asc" },
  });
  let latencyMs = 0;
  let failure: EmulatorError | null = null;
  for (const fault of faults) {
    // A mutation fault only concerns calls in the middle of a pagination.
    if (fault.mutateDuringPagination && !(paginating && itemId)) continue;
    if (!fires(fault.rate) || !(await claimFiring(fault))) continue;
    latencyMs = Math.max(latencyMs, fault.latencyMs);
    if (fault.mutateDuringPagination && itemId) await mutateOneTransaction(itemId);
    if (fault.errorCode && !failure) {
      failure = new EmulatorError(fault.errorCode as EmulatorErrorCode, {
        retryAfterSeconds: fault.retryAfterSeconds,
      });
    }
  }
  if (latencyMs > 0) await sleep(latencyMs);
  if (failure) throw failure;
}
