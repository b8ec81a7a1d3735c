// What a process running jobs does with errors nobody awaited. pg-boss 10 ends each job with a
// complete() or fail() it does not await (src/manager.js, watch()), so a database that goes away just
// then rejects a promise nobody holds; Node's default would end the process, and a one-worker
// install would stop syncing until someone restarted it. Such a rejection is logged and the process
// keeps serving: its pools reconnect when the database returns. An uncaught exception is a bug of
// unknown reach, so a worker logs it and exits (its runs are reaped and retried elsewhere).
import "server-only";
import { log } from "@/lib/log";

const guarded = globalThis as typeof globalThis & { __mingusProcessGuards?: boolean };

export function installProcessGuards({
  name,
  exitOnUncaughtException,
}: {
  /** Named in each log line: "sync worker", "web server". */
  name: string;
  /** A worker exits; the web server leaves uncaught exceptions to Next.js, which logs them and serves on. */
  exitOnUncaughtException: boolean;
}): void {
  if (guarded.__mingusProcessGuards) return;
  guarded.__mingusProcessGuards = true;
  process.on("unhandledRejection", (reason) => {
    log.error({ process: name, err: reason }, "a promise was rejected and not handled; the process carries on");
  });
  if (exitOnUncaughtException) {
    process.on("uncaughtException", (error) => {
      log.fatal({ process: name, err: error }, "uncaught exception; exiting");
      process.exit(1);
    });
  }
}
