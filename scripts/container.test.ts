// The container files checked for structure, since no Docker daemon builds them here: every file the
// image copies exists and is not dropped by .dockerignore, the image runs as a non-root user with a
// health check, and compose starts the app and the worker after a successful migration.
import fs from "node:fs";
import { describe, expect, test } from "vitest";
import { parse } from "yaml";
import { MALLOC_ARENA_MAX, NODE_OPTIONS } from "./production-memory";

const dockerfile = fs.readFileSync("Dockerfile", "utf8");
const programsBuilt = fs.readFileSync("scripts/programs.mjs", "utf8");
const dockerignore = fs
  .readFileSync(".dockerignore", "utf8")
  .split("\n")
  .map((line) => line.trim())
  .filter((line) => line && !line.startsWith("#"));
type Service = {
  image?: string;
  profiles?: string[];
  environment?: Record<string, string>;
  build?: unknown;
  command?: string[];
  working_dir?: string;
  env_file?: string;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test?: string[]; disable?: boolean };
  volumes?: string[];
};
const compose = parse(fs.readFileSync("compose.yaml", "utf8"), { merge: true }) as {
  services: Record<string, Service>;
  volumes: Record<string, unknown>;
};

/** The stages, each with its instructions (continuation lines joined). */
function stages(): Map<string, string[]> {
  const result = new Map<string, string[]>();
  let current: string[] = [];
  const lines = dockerfile.replace(/\\\n\s*/g, " ").split("\n");
  for (const line of lines.map((l) => l.trim()).filter((l) => l && !l.startsWith("#"))) {
    const from = /^FROM \S+ AS (\S+)$/.exec(line);
    if (from?.[1]) {
      current = [];
      result.set(from[1], current);
    } else {
      current.push(line);
    }
  }
  return result;
}

const ignored = (file: string) =>
  dockerignore.some((pattern) => {
    if (pattern.startsWith("!")) return false;
    const bare = pattern.replace(/^\*\*\//, "");
    return file === bare || file.startsWith(`${bare}/`) || (bare.startsWith("*.") && file.endsWith(bare.slice(1)));
  });

describe("Dockerfile", () => {
  const all = stages();

  test("has the build stages and a final runner that is not root and checks /api/health", () => {
    expect([...all.keys()]).toEqual(["deps", "runtime-deps", "build", "runner"]);
    const runner = all.get("runner") ?? [];
    const user = runner.findIndex((line) => line.startsWith("USER "));
    expect(runner[user]).toBe("USER mingus");
    expect(user).toBeLessThan(runner.findIndex((line) => line.startsWith("CMD ")));
    expect(runner.find((line) => line.startsWith("HEALTHCHECK"))).toContain("/api/health");
    expect(runner.at(-1)).toBe('CMD ["node", "server.js"]');
  });

  test("every file copied from the build context exists and is not ignored", () => {
    const fromContext = [...all.values()]
      .flat()
      .filter((line) => line.startsWith("COPY ") && !line.includes("--from="))
      .flatMap((line) => line.split(/\s+/).slice(1, -1))
      .filter((source) => source !== ".");
    expect(fromContext.length).toBeGreaterThan(0);
    for (const source of fromContext) {
      expect(fs.existsSync(source), source).toBe(true);
      expect(ignored(source), source).toBe(false);
    }
  });

  test("the runner's programs tree holds the compiled programs and what they read, and no compiler", () => {
    const copied = (all.get("runner") ?? [])
      .filter((line) => line.startsWith("COPY --from=build /src/"))
      .flatMap((line) => line.split(/\s+/).slice(2, -1))
      .map((source) => source.replace(/^\/src\//, ""));
    // The programs are built in the image (npm run build), from sources the context must carry.
    for (const needed of ["dist/programs", "prisma/migrations", "packages", "package.json"]) {
      expect(copied, needed).toContain(needed);
    }
    for (const source of ["scripts/build-programs.mjs", "scripts/worker.ts", "prisma/migrations", "packages"]) {
      expect(ignored(source), source).toBe(false);
    }
    expect(copied).toContain(".next/standalone");
    // The sources, tsx and esbuild stay out of the image.
    for (const left of ["lib", "scripts", "tsconfig.json"]) expect(copied, left).not.toContain(left);
    expect(dockerfile).not.toMatch(/node_modules\/(tsx|esbuild)/);
  });
});

describe("compose.yaml", () => {
  const { services } = compose;

  test("PostgreSQL with a volume and a health check; migrate waits for it", () => {
    expect(services.db?.image).toMatch(/^postgres:15/);
    expect(services.db?.volumes).toContain("db-data:/var/lib/postgresql/data");
    expect(services.db?.healthcheck?.test?.join(" ")).toContain("pg_isready");
    expect(services.migrate?.depends_on?.db?.condition).toBe("service_healthy");
    expect(Object.keys(compose.volumes)).toEqual(expect.arrayContaining(["db-data", "app-data"]));
  });

  test("the app and the worker are the same image, read .env, and start after the migration succeeded", () => {
    for (const name of ["migrate", "app", "worker"]) {
      expect(services[name]?.image, name).toBe("mingus:latest");
      expect(services[name]?.env_file, name).toBe(".env");
    }
    for (const name of ["app", "worker"]) {
      expect(services[name]?.depends_on?.migrate?.condition, name).toBe("service_completed_successfully");
    }
  });

  test("the migrate and worker commands are node on compiled programs the build makes, where the image puts them", () => {
    for (const [name, program] of [
      ["migrate", "migrate"],
      ["worker", "worker"],
    ] as const) {
      expect(services[name]?.working_dir, name).toBe("/opt/mingus");
      expect(services[name]?.command, name).toEqual(["node", `dist/programs/${program}.mjs`]);
      expect(programsBuilt, program).toMatch(new RegExp(`\\n  "?${program}"?: "scripts/${program}\\.ts"`));
    }
    expect(dockerfile).toContain("COPY --from=build /src/dist/programs dist/programs");
    expect(services.worker?.healthcheck?.test?.join(" ")).toContain("/metrics");
  });

  test("the small profile: one app container whose web server runs the jobs, after the migration", () => {
    const small = services["app-small"];
    expect(small?.profiles).toEqual(["small"]);
    expect(small?.image).toBe("mingus:latest");
    expect(small?.environment?.MINGUS_WEB_WORKERS).toBe("1");
    // The shared settings still reach it (the merge keeps DATABASE_URL and the secrets).
    expect(small?.environment?.DATABASE_URL).toContain("@db:5432/mingus");
    expect(small?.depends_on?.migrate?.condition).toBe("service_completed_successfully");
    // The usual app and worker carry no profile: `docker compose up` starts them as before.
    expect(services.app?.profiles).toBeUndefined();
    expect(services.worker?.profiles).toBeUndefined();
  });
});

describe("memory settings", () => {
  const runner = stages().get("runner")?.join("\n") ?? "";

  test("the image and the worker service start with production's memory settings (scripts/production-memory.ts)", () => {
    expect(runner).toContain(`MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX}`);
    expect(runner).toContain(`NODE_OPTIONS="${NODE_OPTIONS.web}"`);
    expect(compose.services.worker?.environment?.NODE_OPTIONS).toBe(NODE_OPTIONS.worker);
    // The web services keep the image's: nothing in compose overrides them.
    for (const name of ["app", "app-small", "migrate"]) {
      expect(compose.services[name]?.environment?.NODE_OPTIONS, name).toBeUndefined();
    }
  });
});
