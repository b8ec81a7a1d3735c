// `npm run bench:memory`: the production build's memory and start time on PostgreSQL (issue 18). Two
// shapes, each started as the container starts them (node itself, no npm):
//   separate: the web server (`next start`) and one worker (`node dist/programs/worker.mjs`);
//   one process: the web server with MINGUS_WEB_WORKERS=1, running the jobs itself.
// Each gets --requests signed-in requests over pages and the API (4 at a time, from --people people)
// while --syncs syncs run through the emulator (served by this process over HTTP, as Plaid would be),
// and each process group's resident memory is printed at start, halfway and at the end, beside the
// time from its start to its first healthy answer and the targets. See BENCHMARKS.md.
//   npm run build
//   createdb -h 127.0.0.1 -U postgres mingus_bench_memory
//   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/mingus_bench_memory NODE_ENV=production npm run db:migrate
//   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/mingus_bench_memory npm run bench:memory
// Options (after `--`): --requests N (10000), --syncs N (1000), --connections N (50), --people N (10),
// --port P (3290), --shape separate|one-process|both, and the processes' memory settings, by default
// production's (scripts/production-memory.ts, as the container sets them): --web-node-options=FLAGS
// and --worker-node-options=FLAGS (NODE_OPTIONS for each), --malloc-arena-max=N, or --node-defaults
// for none of them (Node's and glibc's own defaults).
import "@/scripts/load-env";
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { startEmulatorServer, TEST_CLIENT_ID, TEST_SECRET } from "@mingus/plaid-emulator/testing";
import { hashPassword } from "@/lib/auth/password";
import { closeBackend, databaseKind, db } from "@/lib/db";
import { env } from "@/lib/env";
import { createBoss, createQueues, sendSyncJobs } from "@/lib/jobs/boss";
import { createEmulatorStore } from "@/lib/plaid/emulator-mount";
import { requestSync } from "@/lib/sync";
import {
  MALLOC_ARENA_MAX as PRODUCTION_MALLOC_ARENA_MAX,
  NODE_OPTIONS as PRODUCTION_NODE_OPTIONS,
} from "@/scripts/production-memory";
import { type BenchConnection, createSyntheticItems, createTemplateItem, linkItems } from "./sync/bench-data";

const TARGETS = { web: 250, worker: 150, oneProcess: 350, growthPercent: 10, healthySeconds: 3 };
const PASSWORD = "bench memory passphrase 7";
// The pair the emulator's own test client sends (it makes the template item).
const EMULATOR_KEYS = { clientId: TEST_CLIENT_ID, secret: TEST_SECRET };
// Linux's page size on x86-64 and arm64 servers.
const PAGE_SIZE = 4096;
type Shape = "separate" | "one process";
type MemorySettings = { web: string; worker: string; mallocArenaMax: string };
const SHAPES: Record<string, Shape[]> = {
  both: ["separate", "one process"],
  separate: ["separate"],
  "one-process": ["one process"],
};

function options() {
  const { values } = parseArgs({
    options: {
      requests: { type: "string", default: "10000" },
      syncs: { type: "string", default: "1000" },
      connections: { type: "string", default: "50" },
      people: { type: "string", default: "10" },
      port: { type: "string", default: "3290" },
      // NODE_OPTIONS for the web server and for the worker, and glibc's MALLOC_ARENA_MAX for both:
      // production's unless given; --node-defaults drops all three.
      "web-node-options": { type: "string", default: PRODUCTION_NODE_OPTIONS.web },
      "worker-node-options": { type: "string", default: PRODUCTION_NODE_OPTIONS.worker },
      "malloc-arena-max": { type: "string", default: PRODUCTION_MALLOC_ARENA_MAX },
      "node-defaults": { type: "boolean", default: false },
      // Which deployment shapes to run: separate, one-process, or both (the default).
      shape: { type: "string", default: "both" },
    },
  });
  const whole = (name: "requests" | "syncs" | "connections" | "people" | "port") => {
    const value = Number(values[name]);
    if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a whole number ≥ 1`);
    return value;
  };
  const parsed = {
    requests: whole("requests"),
    syncs: whole("syncs"),
    connections: whole("connections"),
    people: whole("people"),
    port: whole("port"),
    memory: values["node-defaults"]
      ? { web: "", worker: "", mallocArenaMax: "" }
      : {
          web: values["web-node-options"],
          worker: values["worker-node-options"],
          mallocArenaMax: values["malloc-arena-max"],
        },
  };
  const shapes = SHAPES[values.shape ?? "both"];
  if (!shapes) throw new Error("--shape must be separate, one-process or both");
  if (parsed.people > parsed.connections) throw new Error("--people cannot exceed --connections");
  return { ...parsed, shapes };
}

/** Resident memory of every process in the group `pgid`, in MB (/proc: statm's resident pages). */
function groupRss(pgid: number): number {
  let pages = 0;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // Fields after the command name, which may hold spaces and parentheses: state, ppid, pgrp…
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[2]) !== pgid) continue;
      pages += Number(readFileSync(`/proc/${entry}/statm`, "utf8").split(" ")[1]);
    } catch {
      // The process ended while being read.
    }
  }
  return (pages * PAGE_SIZE) / 1048576;
}

type Started = { name: string; child: ChildProcess; healthySeconds: number; output: () => string };

/** Starts `args` (node itself) in its own process group; resolves once `healthy` answers 200. */
async function startProcess(
  name: string,
  args: string[],
  processEnv: NodeJS.ProcessEnv,
  healthy: { url: string; headers?: Record<string, string> },
): Promise<Started> {
  const began = performance.now();
  const child = spawn(process.execPath, args, { env: processEnv, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk).slice(-20_000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited (${child.exitCode}):\n${output}`);
    const response = await fetch(healthy.url, { headers: healthy.headers }).catch(() => null);
    if (response?.status === 200) break;
    if (Date.now() > deadline) throw new Error(`${name} did not answer in 120 s:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return { name, child, healthySeconds: (performance.now() - began) / 1000, output: () => output };
}

async function stopProcess({ name, child, output }: Started): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || !child.pid) {
    // It ended by itself during the run (out of memory, say): its last words.
    process.stderr.write(`${name} had exited (${child.exitCode ?? child.signalCode}):\n${output().slice(-2000)}\n`);
    return;
  }
  const exited = new Promise((resolve) => child.once("exit", resolve));
  try {
    process.kill(-child.pid, "SIGTERM");
  } catch {
    return; // Gone meanwhile.
  }
  await exited;
}

/** next-auth's credentials sign-in, as the sign-in form does it: the session cookie. */
async function signIn(base: string, email: string): Promise<string> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const csrfCookie = csrf.headers.getSetCookie().map((cookie) => cookie.split(";")[0]);
  const response = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie.join("; ") },
    body: new URLSearchParams({ email, password: PASSWORD, csrfToken, callbackUrl: `${base}/accounts`, json: "true" }),
  });
  const session = response.headers.getSetCookie().find((cookie) => cookie.startsWith("next-auth.session-token="));
  if (!session) throw new Error(`signing ${email} in failed: ${response.status}`);
  return session.split(";")[0] ?? "";
}

type Person = { cookie: string; accountId: string; connectionId: string };

/** `count` signed-in requests, 4 at a time, over every person's pages and API routes; any non-2xx throws. */
async function load(base: string, people: Person[], count: number): Promise<void> {
  const paths = (person: Person) => [
    "/accounts",
    `/accounts/${person.accountId}`,
    "/settings",
    "/settings/security",
    "/notifications",
    `/api/connections/${person.connectionId}/sync`,
    "/api/health",
  ];
  let next = 0;
  const one = async () => {
    for (let index = next++; index < count; index = next++) {
      const person = people[index % people.length] as Person;
      const list = paths(person);
      const path = list[Math.floor(index / people.length) % list.length] as string;
      const response = await fetch(`${base}${path}`, { headers: { cookie: person.cookie }, redirect: "manual" });
      await response.arrayBuffer();
      if (response.status >= 300) throw new Error(`GET ${path}: ${response.status}`);
    }
  };
  await Promise.all(Array.from({ length: 4 }, one));
}

/** `count` syncs: rounds of one incremental sync per connection through the queue, each round waited for. */
async function syncs(connections: BenchConnection[], count: number): Promise<void> {
  const boss = createBoss({ role: "sender" });
  await boss.start();
  await createQueues(boss);
  try {
    for (let done = 0; done < count; ) {
      const round = connections.slice(0, Math.min(connections.length, count - done));
      const ids = round.map((connection) => connection.connectionId);
      for (const connectionId of ids) await requestSync({ connectionId, syncType: "incremental", trigger: "manual" });
      await sendSyncJobs(
        boss,
        ids.map((connectionId) => ({ connectionId })),
      );
      const deadline = Date.now() + 300_000;
      for (;;) {
        const open = await db.transactionSync.count({
          where: { plaidConnectionId: { in: ids }, status: { in: ["pending", "in_progress"] } },
        });
        if (open === 0) break;
        if (Date.now() > deadline) throw new Error(`${open} syncs still open after 5 minutes`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      done += round.length;
    }
  } finally {
    await boss.stop({ graceful: false }).catch(() => {});
  }
}

type Sample = { start: number; half: number; end: number };

async function runShape({
  shape,
  base,
  people,
  connections,
  requests,
  syncCount,
  processEnv,
  port,
  memory,
}: {
  shape: Shape;
  base: string;
  people: { email: string; accountId: string; connectionId: string }[];
  connections: BenchConnection[];
  requests: number;
  syncCount: number;
  processEnv: NodeJS.ProcessEnv;
  port: number;
  memory: MemorySettings;
}) {
  const nodeOptions = (flags: string) => ({
    ...(flags ? { NODE_OPTIONS: flags } : {}),
    ...(memory.mallocArenaMax ? { MALLOC_ARENA_MAX: memory.mallocArenaMax } : {}),
  });
  const metricsToken = randomBytes(16).toString("hex");
  const webEnv = {
    ...processEnv,
    PORT: String(port),
    METRICS_TOKEN: metricsToken,
    MINGUS_WEB_WORKERS: shape === "one process" ? "1" : "0",
    ...nodeOptions(memory.web),
  };
  const started: Started[] = [];
  try {
    started.push(
      await startProcess("web", ["node_modules/next/dist/bin/next", "start", "-p", String(port)], webEnv, {
        url: `${base}/api/health`,
      }),
    );
    if (shape === "separate") {
      const metricsPort = port + 1;
      started.push(
        await startProcess(
          "worker",
          ["dist/programs/worker.mjs"],
          {
            ...processEnv,
            WORKER_METRICS_PORT: String(metricsPort),
            METRICS_TOKEN: metricsToken,
            ...nodeOptions(memory.worker),
          },
          { url: `http://127.0.0.1:${metricsPort}/metrics`, headers: { authorization: `Bearer ${metricsToken}` } },
        ),
      );
    }
    // Signed in before the clock: each sign-in costs an argon2 hash, which no steady load has.
    const signedIn: Person[] = [];
    for (const person of people) signedIn.push({ ...person, cookie: await signIn(base, person.email) });
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const samples = new Map<string, Sample>(
      started.map((proc) => [proc.name, { start: groupRss(proc.child.pid ?? 0), half: 0, end: 0 }]),
    );
    const began = performance.now();
    // The requests' own time, apart from the syncs': the web server's pace under this load.
    let requestSeconds = 0;
    const timedLoad = async (count: number) => {
      const from = performance.now();
      await load(base, signedIn, count);
      requestSeconds += (performance.now() - from) / 1000;
    };
    for (const half of ["half", "end"] as const) {
      await Promise.all([timedLoad(Math.floor(requests / 2)), syncs(connections, Math.floor(syncCount / 2))]);
      for (const proc of started) {
        const sample = samples.get(proc.name) as Sample;
        sample[half] = groupRss(proc.child.pid ?? 0);
      }
    }
    const seconds = (performance.now() - began) / 1000;
    return { shape, seconds, requestSeconds, started: [...started], samples };
  } finally {
    for (const proc of started.reverse()) await stopProcess(proc);
  }
}

async function main() {
  const opts = options();
  if (databaseKind() !== "postgresql") throw new Error("bench:memory needs PostgreSQL: set DATABASE_URL");
  for (const built of [".next/BUILD_ID", "dist/programs/worker.mjs"]) {
    if (!existsSync(built)) throw new Error(`${built} is missing: run \`npm run build\` first`);
  }
  const store = createEmulatorStore();
  const server = await startEmulatorServer({ store, credentials: EMULATOR_KEYS });
  const tokenKey = env.TOKEN_ENCRYPTION_KEY ?? `k1:${randomBytes(32).toString("base64")}`;
  Object.assign(env, { PLAID_EMULATOR_URL: server.url, TOKEN_ENCRYPTION_KEY: tokenKey });
  Object.assign(env, { PLAID_EMULATOR_CLIENT_ID: EMULATOR_KEYS.clientId, PLAID_EMULATOR_SECRET: EMULATOR_KEYS.secret });
  try {
    const label = randomBytes(3).toString("hex");
    process.stdout.write(`Linking ${opts.connections} banks (100 transactions each)…\n`);
    const itemIds = await createSyntheticItems({
      templateItemId: await createTemplateItem(server),
      label,
      count: opts.connections,
      perItem: 100,
    });
    const connections = await linkItems({ itemIds, label });
    // The link's first syncs count among the shapes' syncs: drop them here, so each shape runs its own.
    await db.transactionSync.deleteMany({
      where: { plaidConnectionId: { in: connections.map((c) => c.connectionId) }, status: "pending" },
    });
    const passwordHash = await hashPassword(PASSWORD);
    const people = [];
    for (const connection of connections.slice(0, opts.people)) {
      const user = await db.user.update({
        where: { id: connection.userId },
        data: { passwordHash },
        select: { email: true },
      });
      const account = await db.bankAccount.findFirstOrThrow({
        where: { plaidConnectionId: connection.connectionId },
        select: { id: true },
      });
      people.push({ email: user.email, accountId: account.id, connectionId: connection.connectionId });
    }
    const base = `http://127.0.0.1:${opts.port}`;
    const processEnv: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      DATABASE_URL: env.DATABASE_URL,
      NEXTAUTH_URL: base,
      NEXTAUTH_SECRET: env.NEXTAUTH_SECRET ?? randomBytes(32).toString("hex"),
      TOKEN_ENCRYPTION_KEY: tokenKey,
      PLAID_EMULATOR: "on",
      PLAID_EMULATOR_URL: server.url,
      PLAID_EMULATOR_CLIENT_ID: EMULATOR_KEYS.clientId,
      PLAID_EMULATOR_SECRET: EMULATOR_KEYS.secret,
      PLAID_EMULATOR_WEBHOOK_HOSTS: new URL(base).host,
      LOG_LEVEL: "warn",
      MAIL_OUTBOX_DIR: `/tmp/mingus-bench-memory-${label}`,
    };
    const results = [];
    for (const shape of opts.shapes) {
      process.stdout.write(`${shape}: ${opts.requests} requests and ${opts.syncs} syncs…\n`);
      results.push(
        await runShape({
          shape,
          base,
          people,
          connections,
          requests: opts.requests,
          syncCount: opts.syncs,
          processEnv,
          port: opts.port,
          memory: opts.memory,
        }),
      );
    }
    const mb = (value: number) => `${value.toFixed(0)} MB`;
    process.stdout.write(
      `\nNODE_OPTIONS: web ${opts.memory.web || "(none)"}; worker ${opts.memory.worker || "(none)"}; ` +
        `MALLOC_ARENA_MAX: ${opts.memory.mallocArenaMax || "(glibc's default)"}\n`,
    );
    process.stdout.write(
      "\nProcess group            start     half      end   growth 2nd half   healthy in   target (end)\n",
    );
    for (const { shape, seconds, requestSeconds, started, samples } of results) {
      for (const proc of started) {
        const sample = samples.get(proc.name) as Sample;
        const growth = ((sample.end - sample.half) / sample.half) * 100;
        const target =
          shape === "one process" ? TARGETS.oneProcess : proc.name === "web" ? TARGETS.web : TARGETS.worker;
        const label = shape === "one process" ? "web with workers" : `${proc.name} (separate)`;
        process.stdout.write(
          `${label.padEnd(24)} ${mb(sample.start).padStart(6)} ${mb(sample.half).padStart(8)} ${mb(sample.end).padStart(8)}` +
            `   ${`${growth.toFixed(1)}%`.padStart(8)} (≤ ${TARGETS.growthPercent}%)` +
            `   ${`${proc.healthySeconds.toFixed(2)} s`.padStart(7)} (≤ ${TARGETS.healthySeconds} s)` +
            `   ${mb(sample.end)} ≤ ${mb(target)} ${sample.end <= target ? "met" : "NOT met"}\n`,
        );
      }
      const perSecond = (2 * Math.floor(opts.requests / 2)) / requestSeconds;
      process.stdout.write(
        `  ${shape}: the load took ${seconds.toFixed(1)} s; its requests ${requestSeconds.toFixed(1)} s (${perSecond.toFixed(0)} a second)\n`,
      );
    }
  } finally {
    await server.close();
    await store.close();
    await closeBackend();
  }
}

await main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
