// The error a bad setting raises, and what a program does with it at start: print which variables are
// wrong and how to fix them, then exit with status 1. Kept apart from lib/env.ts, which throws this
// while it is being imported, so a program's start-up code can still load it to report the failure.
export class EnvError extends Error {
  constructor(readonly issues: { variable: string; message: string }[]) {
    super(
      `Invalid environment configuration:\n${issues
        .map((issue) => `  ${issue.variable}: ${issue.message}`)
        .join("\n")}\nEvery setting is described in docs/configuration.md (and .env.example).`,
    );
    this.name = "EnvError";
  }
}

/** True for an EnvError, even one from another copy of this module (a bundle, a re-import). */
export function isEnvError(error: unknown): error is EnvError {
  return error instanceof Error && error.name === "EnvError" && Array.isArray((error as EnvError).issues);
}

/**
 * For a program's start: a bad configuration stops the process with the message on stderr and status 1
 * (no stack trace: the message says all). Anything else is left to the caller.
 */
export function exitOnEnvError(error: unknown): void {
  if (!isEnvError(error)) return;
  process.stderr.write(`Mingus cannot start. ${error.message}\n`);
  process.exit(1);
}
