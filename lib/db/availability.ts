// Telling a lost database apart from a failed statement, and waiting for it to come back. A worker
// that loses PostgreSQL (a restart, a failover, a network cut) keeps running: its pools open new
// connections once the server answers, and work that failed for want of the database is retried
// rather than blamed on the bank or the connection.
import "server-only";
import { db } from "./client";

// Node's socket errors for a server that is gone, refusing, or unreachable.
const SOCKET_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EAI_AGAIN",
  "ENOTFOUND",
]);
// Prisma's: can't reach the server, timed out reaching it, it closed the connection, no pooled connection in time.
const PRISMA_CODES = new Set(["P1001", "P1002", "P1017", "P2024"]);
// Prisma's driver-adapter error kinds for the same.
const ADAPTER_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);
// PostgreSQL: admin_shutdown, crash_shutdown, cannot_connect_now (starting up, shutting down, recovering).
const SQLSTATES = new Set(["57P01", "57P02", "57P03"]);
// node-postgres says so in words only.
const PG_MESSAGES = [
  "Connection terminated",
  "Client has encountered a connection error and is not queryable",
  "Client was closed and is not queryable",
  "timeout exceeded when trying to connect",
  "Connection terminated due to connection timeout",
];

type Inspected = {
  code?: unknown;
  message?: unknown;
  cause?: unknown;
  meta?: { driverAdapterError?: { cause?: { kind?: unknown; originalCode?: unknown } } };
};

/** Whether the error (or one it was caused by) means the database could not be reached or went away. */
export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  for (let current = error; current && typeof current === "object" && !seen.has(current); ) {
    seen.add(current);
    const { code, message, cause, meta } = current as Inspected;
    if (typeof code === "string") {
      if (SOCKET_CODES.has(code) || PRISMA_CODES.has(code) || SQLSTATES.has(code)) return true;
      // connection_exception and its subclasses.
      if (/^08[0-9A-Z]{3}$/.test(code)) return true;
    }
    const adapter = meta?.driverAdapterError?.cause;
    if (typeof adapter?.kind === "string" && ADAPTER_KINDS.has(adapter.kind)) return true;
    if (typeof adapter?.originalCode === "string" && SQLSTATES.has(adapter.originalCode)) return true;
    if (typeof message === "string" && PG_MESSAGES.some((words) => message.includes(words))) return true;
    // AggregateError (a connection attempt to several addresses) and `cause` chains.
    const errors = (current as { errors?: unknown }).errors;
    if (Array.isArray(errors) && errors.some((inner) => isDatabaseUnavailable(inner))) return true;
    current = cause;
  }
  return false;
}

const FIRST_WAIT_MS = 250;
const LONGEST_WAIT_MS = 2_000;

/**
 * Resolves once the database answers `SELECT 1` again, asking with a backoff from 250 ms to 2 s.
 * Throws the signal's reason when it aborts first (a worker shutting down stops waiting).
 */
export async function waitForDatabase({
  signal,
  ping = () => db.$queryRaw`SELECT 1`,
}: {
  signal?: AbortSignal;
  ping?: () => Promise<unknown>;
} = {}): Promise<void> {
  for (let waitMs = FIRST_WAIT_MS; ; waitMs = Math.min(LONGEST_WAIT_MS, waitMs * 2)) {
    signal?.throwIfAborted();
    try {
      await ping();
      return;
    } catch (error) {
      if (!isDatabaseUnavailable(error)) throw error;
    }
    await sleep(waitMs, signal);
  }
}

/**
 * Runs `work`; while it fails because the database is unavailable, waits for the database and runs
 * it again (so `work` must be safe to repeat). Other errors, and a shutdown's abort, are thrown.
 */
export async function retryWhileDatabaseDown<T>(
  work: () => Promise<T>,
  { signal, onDown }: { signal?: AbortSignal; onDown?: (error: unknown) => void } = {},
): Promise<T> {
  for (;;) {
    try {
      return await work();
    } catch (error) {
      if (!isDatabaseUnavailable(error) || signal?.aborted) throw error;
      onDown?.(error);
      await waitForDatabase({ signal });
    }
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(done, ms);
    function done() {
      signal?.removeEventListener("abort", aborted);
      resolve();
    }
    function aborted() {
      clearTimeout(timer);
      reject(signal?.reason);
    }
    signal?.addEventListener("abort", aborted, { once: true });
  });
}
