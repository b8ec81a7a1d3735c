// For tests that run real `npm run worker` processes: start one (node with tsx's loader, so the pid is
// the worker's own) and wait for its ready line, and poll the database until a condition holds.
import { type ChildProcess, spawn } from "node:child_process";

export type WorkerProcess = { child: ChildProcess; id: string; output: () => string; exited: Promise<number | null> };

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function spawnWorker({
  args,
  env,
}: {
  args: string[];
  /** Added to this process's environment. */
  env: Record<string, string>;
}): Promise<WorkerProcess> {
  const child = spawn(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", "scripts/worker.ts", ...args],
    {
      // Its log lines (JSON; silent in tests unless asked) are what the tests read.
      env: { ...process.env, LOG_LEVEL: "info", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  child.stdout?.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    output += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const worker = { child, id: "", output: () => output, exited };
  // Compiling the app under tsx takes seconds, and much longer on a busy machine.
  const deadline = Date.now() + 90_000;
  for (;;) {
    const ready = /"workerId":"([^"]+)"[^\n]*"msg":"Sync worker started/.exec(output);
    if (ready?.[1]) return { ...worker, id: ready[1] };
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`worker did not start:\n${output}`);
    }
    await sleep(100);
  }
}

/** Reads until `done` holds or the time is up, and returns the last reading. */
export async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await sleep(250);
  }
}
