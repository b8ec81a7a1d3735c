// `npm run worker`, `npm run db:migrate` and the other programs. In production (NODE_ENV=production)
// this process runs the compiled program itself, dist/programs/<name>.mjs from `npm run build`: no
// compiler, no Prisma generator and no child process. In development it runs the Prisma generator,
// then the TypeScript sources through tsx, so a change needs no build.
//   node scripts/program.mjs <name> [arguments…]
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { PROGRAMS as SOURCES } from "./programs.mjs";

const [name = "", ...args] = process.argv.slice(2);
if (!(name in SOURCES)) {
  process.stderr.write(`Unknown program "${name}". Known: ${Object.keys(SOURCES).join(", ")}.\n`);
  process.exit(2);
}

if (process.env.NODE_ENV === "production") {
  const compiled = path.resolve("dist", "programs", `${name}.mjs`);
  if (!existsSync(compiled)) {
    process.stderr.write(
      `${path.relative(process.cwd(), compiled)} is missing: run \`npm run build\` first (production runs the compiled programs).\n`,
    );
    process.exit(1);
  }
  // The program reads its arguments from process.argv, as if started as `node dist/programs/<name>.mjs`.
  process.argv = [process.argv[0] ?? "node", compiled, ...args];
  await import(pathToFileURL(compiled).href);
} else {
  const generated = spawnSync(process.execPath, ["scripts/db-generate.mjs"], { stdio: "inherit" });
  if (generated.status !== 0) process.exit(generated.status ?? 1);
  const tsx = path.resolve("node_modules", "tsx", "dist", "cli.mjs");
  const child = spawn(process.execPath, [tsx, "--conditions=react-server", SOURCES[name], ...args], {
    stdio: "inherit",
  });
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 128 : 1)));
}
