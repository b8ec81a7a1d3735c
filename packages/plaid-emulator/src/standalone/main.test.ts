// `npm run emulator` as a process: it prints its base URL, answers the official client there, keeps
// its state in its folder across a restart, refuses a second process on the same folder, and stops
// cleanly on SIGTERM.
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Configuration, PlaidApi } from "plaid";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { linkSandboxItem } from "../testing.ts";

const MAIN = path.join(import.meta.dirname, "main.ts");
const running: ChildProcess[] = [];
let dataDir = "";

afterEach(() => {
  for (const child of running.splice(0)) if (child.exitCode === null) child.kill("SIGKILL");
});
afterAll(async () => {
  if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
});

type Started = { child: ChildProcess; url: string; exited: Promise<number | null>; output: () => string };

function start(args: string[]): Started & { ready: Promise<string | null> } {
  const child = spawn(process.execPath, ["--import", "tsx", MAIN, ...args], {
    env: { ...process.env, PORT: "", EMULATOR_DATABASE_URL: "", EMULATOR_DATA_DIR: "" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  running.push(child);
  let output = "";
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const ready = new Promise<string | null>((resolve) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) resolve(match[1] ?? null);
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    exited.then(() => resolve(null));
  });
  const started = { child, url: "", exited, output: () => output, ready };
  return started;
}

async function startListening(args: string[]): Promise<Started> {
  const started = start(args);
  const url = await started.ready;
  if (!url) throw new Error(`the emulator did not start:\n${started.output()}`);
  return { ...started, url };
}

const clientFor = (url: string) =>
  new PlaidApi(
    new Configuration({ basePath: url, baseOptions: { headers: { "PLAID-CLIENT-ID": "a", "PLAID-SECRET": "b" } } }),
  );

describe("the standalone emulator", () => {
  it("serves Plaid's API on its own port and keeps its state in its folder", async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), "plaid-emulator-standalone-"));
    const first = await startListening(["--port", "0", "--data-dir", dataDir]);
    expect(first.output()).toContain(`embedded database in ${dataDir}`);
    const { access_token, item_id } = await linkSandboxItem(clientFor(first.url));

    // A browser on the app's origin may call the Link stand-in's endpoints.
    const preflight = await fetch(`${first.url}/link/session`, {
      method: "OPTIONS",
      headers: { Origin: "http://localhost:3000", "Access-Control-Request-Method": "POST" },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("*");

    const second = start(["--port", "0", "--data-dir", dataDir]);
    expect(await second.exited).toBe(1);
    expect(second.output()).toContain("is already open in another process");

    first.child.kill("SIGTERM");
    expect(await first.exited).toBe(0);

    const restarted = await startListening(["--port", "0", "--data-dir", dataDir]);
    const { data } = await clientFor(restarted.url).itemGet({ access_token });
    expect(data.item.item_id).toBe(item_id);
    restarted.child.kill("SIGTERM");
    expect(await restarted.exited).toBe(0);
  }, 60_000);

  it("stops with a usage message on a bad option", async () => {
    const started = start(["--port", "http"]);
    expect(await started.exited).toBe(1);
    expect(started.output()).toContain("--port (or PORT) must be a port number");
    expect(started.output()).toContain("Usage: plaid-emulator");
  });
});
