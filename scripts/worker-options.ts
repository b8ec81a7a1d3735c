// `npm run worker` flags: how many syncs at once, and (for tests and slow networks) the lease length.

export type WorkerOptions = { concurrency: number; leaseMs: number };

export const WORKER_USAGE = `Usage: npm run worker -- [--concurrency N] [--lease-seconds S]

  --concurrency N     syncs this process runs at once, 1-32 (default WORKER_CONCURRENCY, or 2)
  --lease-seconds S   how long a sync may go without a heartbeat before it is taken over, 1-3600 (default 60)`;

function integerFlag(name: string, raw: string | undefined, min: number, max: number): number | string {
  const value = Number(raw);
  if (raw === undefined || raw === "" || !Number.isInteger(value) || value < min || value > max) {
    return `--${name} must be a whole number from ${min} to ${max}`;
  }
  return value;
}

/** Parses the flags after `--`; an error message (or "help") instead of options when they are wrong. */
export function parseWorkerArgs(
  argv: string[],
  defaults: WorkerOptions,
): { options: WorkerOptions } | { error: string } | { help: true } {
  const options = { ...defaults };
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index] ?? "";
    if (arg === "--help" || arg === "-h") return { help: true };
    const [flag, inline] = arg.includes("=") ? arg.split("=", 2) : [arg, undefined];
    const value = inline ?? argv[++index];
    if (flag === "--concurrency") {
      const parsed = integerFlag("concurrency", value, 1, 32);
      if (typeof parsed === "string") return { error: parsed };
      options.concurrency = parsed;
    } else if (flag === "--lease-seconds") {
      const parsed = integerFlag("lease-seconds", value, 1, 3600);
      if (typeof parsed === "string") return { error: parsed };
      options.leaseMs = parsed * 1000;
    } else {
      return { error: `Unknown option ${arg}` };
    }
  }
  return { options };
}
