// What every log line of a request or a job carries: its request id, or its job id and worker id. Held
// in AsyncLocalStorage, so code called from a request or a job logs with them without being handed them.
import { AsyncLocalStorage } from "node:async_hooks";

export type LogContext = {
  /** The request's x-request-id (proxy.ts sets or accepts it). */
  requestId?: string;
  /** The pg-boss job being run, its queue, and the worker process (and slot) running it. */
  jobId?: string;
  queue?: string;
  workerId?: string;
};

const storage = new AsyncLocalStorage<LogContext>();

/** Runs `work` with these fields added to the current context (an inner call adds to an outer one). */
export function withLogContext<T>(fields: LogContext, work: () => T): T {
  return storage.run({ ...storage.getStore(), ...fields }, work);
}

/** The current request's or job's fields, or {} outside both. */
export function currentLogContext(): LogContext {
  return storage.getStore() ?? {};
}
