// The one logger (pino): JSON lines in production and under tests, readable lines in development (LOG_FORMAT
// chooses), each carrying the request id or job id of the work it belongs to (./context.ts), with secrets
// censored by configuration (./redact.ts). `log.info({ connectionId }, "message")`; errors as `{ err }`.
import "server-only";
import pino, { type DestinationStream, type Logger } from "pino";
import pretty from "pino-pretty";
import { env } from "@/lib/env";
import { currentLogContext } from "./context";
import { REDACT_PATHS, REDACTED, scrubText, serializeError } from "./redact";

export type { Logger } from "pino";
export { currentLogContext, type LogContext, withLogContext } from "./context";
export { acceptRequestId, REQUEST_ID_HEADER } from "./request-id";

// A synchronous stream in the process itself: pino's transports run in worker threads, which Next.js's
// bundling breaks, and a process that exits right after logging must not lose the line.
function defaultDestination(): DestinationStream {
  if ((env.LOG_FORMAT ?? (env.NODE_ENV === "development" ? "pretty" : "json")) === "pretty") {
    return pretty({
      sync: true,
      colorize: process.stdout.isTTY,
      translateTime: "SYS:HH:MM:ss.l",
      ignore: "pid,hostname",
    });
  }
  return pino.destination({ dest: 1, sync: true });
}

let destination: DestinationStream = defaultDestination();

/** Where log lines go; tests swap it (lib/log/test-support.ts). */
export function setLogDestination(next: DestinationStream | null): void {
  destination = next ?? defaultDestination();
}

export const log: Logger = pino(
  {
    level: env.LOG_LEVEL ?? (env.NODE_ENV === "test" ? "silent" : "info"),
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    mixin: () => currentLogContext(),
    redact: { paths: REDACT_PATHS, censor: REDACTED },
    serializers: { err: serializeError, error: serializeError },
    hooks: {
      // Messages are free text: a Plaid token pasted into one is censored too.
      logMethod(args, method) {
        const scrubbed = args.map((arg) => (typeof arg === "string" ? scrubText(arg) : arg));
        return method.apply(this, scrubbed as Parameters<typeof method>);
      },
    },
  },
  { write: (line: string) => destination.write(line) },
);
