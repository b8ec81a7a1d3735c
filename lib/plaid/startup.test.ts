// The check as a starting server runs it: instrumentation's register() in a process of its own with a
// production environment, which must exit 1 with the message before touching a database.
import { spawnSync } from "node:child_process";
import { describe, expect, test } from "vitest";

function run(script: string, env: { NODE_ENV: "production" } & Record<string, string>) {
  const base = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(PLAID_|DATABASE_URL$|NODE_ENV$|NEXT_)/.test(name)),
  );
  return spawnSync(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", "--input-type=module", "--eval", script],
    {
      env: { ...base, PGLITE_DATA_DIR: "memory://", NEXT_RUNTIME: "nodejs", ...env },
      encoding: "utf8",
      timeout: 60_000,
    },
  );
}

// Each test starts a child process through tsx: seconds on a busy machine.
describe("a production server's start", { timeout: 30_000 }, () => {
  test("stops with exit code 1 and names both ways to configure Plaid", () => {
    const started = run(`const { register } = await import("./instrumentation.ts"); await register();`, {
      NODE_ENV: "production",
    });
    expect(started.status).toBe(1);
    expect(started.stderr).toContain("Mingus cannot start: Plaid is not configured.");
    for (const name of ["PLAID_ENV", "PLAID_CLIENT_ID", "PLAID_SECRET", "PLAID_EMULATOR=on"]) {
      expect(started.stderr).toContain(name);
    }
  });

  test.each([
    [
      "PLAID_EMULATOR=on and the emulator's own key pair",
      { PLAID_EMULATOR: "on", PLAID_EMULATOR_CLIENT_ID: "demo", PLAID_EMULATOR_SECRET: "a-demo-secret-value" },
    ],
    ["Plaid's keys", { PLAID_ENV: "sandbox", PLAID_CLIENT_ID: "client", PLAID_SECRET: "secret" }],
  ])("goes on with %s", (_what, settings) => {
    const checked = run(
      `const { refuseToStartWithoutPlaid } = await import("./lib/plaid/startup.ts"); refuseToStartWithoutPlaid(); console.log("started");`,
      { NODE_ENV: "production", ...settings },
    );
    expect(checked.stderr).toBe("");
    expect(checked.stdout.trim()).toBe("started");
    expect(checked.status).toBe(0);
  });

  test("with PLAID_EMULATOR=on, refuses the known development pair and warns that it is not for real data", () => {
    const unset = run(`await import("./lib/plaid/startup.ts");`, { NODE_ENV: "production", PLAID_EMULATOR: "on" });
    expect(unset.status).not.toBe(0);
    expect(unset.stderr).toContain("PLAID_EMULATOR_CLIENT_ID: is required with PLAID_EMULATOR=on in production");

    const warned = run(
      `const { warnWhenEmulatorServed } = await import("./lib/plaid/startup.ts"); warnWhenEmulatorServed();`,
      {
        NODE_ENV: "production",
        PLAID_EMULATOR: "on",
        PLAID_EMULATOR_CLIENT_ID: "demo",
        PLAID_EMULATOR_SECRET: "a-demo-secret-value",
        LOG_FORMAT: "json",
      },
    );
    expect(warned.status).toBe(0);
    const line = JSON.parse(warned.stdout.trim().split("\n").at(-1) ?? "{}") as { level?: unknown; msg?: string };
    expect(line.msg).toContain("The Plaid emulator is on (PLAID_EMULATOR=on)");
    expect(line.msg).toContain("not for real data");
    // Its secret is never printed.
    expect(warned.stdout).not.toContain("a-demo-secret-value");
  });

  test("is not made while building", () => {
    const built = run(
      `const { register } = await import("./instrumentation.ts"); await register(); console.log("built");`,
      { NODE_ENV: "production", NEXT_PHASE: "phase-production-build" },
    );
    expect(built.stdout.trim()).toBe("built");
    expect(built.status).toBe(0);
  });
});
