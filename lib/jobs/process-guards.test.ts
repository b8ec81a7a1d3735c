import { execFile } from "node:child_process";
import { describe, expect, it } from "vitest";

// A real Node process, since the guards are process-wide: an unhandled rejection (pg-boss's unawaited
// complete() against a database that went away) is logged and the process keeps serving; an uncaught
// exception in a worker is logged and ends it with status 1.
function runGuarded(script: string): Promise<{ code: number | null; output: string }> {
  const program = `
    const { installProcessGuards } = await import("./lib/jobs/process-guards.ts");
    installProcessGuards({ name: "test worker", exitOnUncaughtException: true });
    ${script}`;
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--conditions=react-server", "--import", "tsx", "--input-type=module", "-e", program],
      // The logger is silent in tests unless asked: these lines are what the test reads.
      { timeout: 20_000, env: { ...process.env, LOG_LEVEL: "info" } },
      (error, stdout, stderr) => resolve({ code: error ? (error.code as number) : 0, output: stdout + stderr }),
    );
  });
}

describe("installProcessGuards", () => {
  it("logs an unhandled rejection and keeps serving; exits on an uncaught exception", async () => {
    const { code, output } = await runGuarded(`
      Promise.reject(Object.assign(new Error("Connection terminated unexpectedly"), { code: "ECONNRESET" }));
      setTimeout(() => {
        console.log("still serving");
        setTimeout(() => { throw new TypeError("a bug"); }, 10);
      }, 50);`);
    const lines = output
      .split("\n")
      .filter((line) => line.startsWith("{"))
      .map((line) => JSON.parse(line) as { msg: string; process?: string; err?: { message?: string; code?: string } });
    expect(lines).toContainEqual(
      expect.objectContaining({
        process: "test worker",
        msg: "a promise was rejected and not handled; the process carries on",
        err: expect.objectContaining({ code: "ECONNRESET", message: "Connection terminated unexpectedly" }),
      }),
    );
    expect(output).toMatch(/still serving/);
    expect(lines).toContainEqual(
      expect.objectContaining({
        process: "test worker",
        msg: "uncaught exception; exiting",
        err: expect.objectContaining({ message: "a bug" }),
      }),
    );
    expect(code).toBe(1);
  }, 30_000);
});
