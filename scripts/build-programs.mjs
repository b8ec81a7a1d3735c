// `npm run build`'s second half: the worker and the operator programs compiled to plain JavaScript in
// dist/programs/, one file each (esbuild), so production starts `node dist/programs/worker.mjs`: no tsx,
// no compiler and no Prisma generator at run time (docs/operations.md, Processes and memory).
// Dependencies stay in node_modules, except what is cheaper bundled: plaid's 9 MB client loses its
// comments (67 MB of memory loaded as it is, a few once bundled), and date-fns and zod keep only what
// is used. server-only resolves to its empty module under the react-server condition, as in Next.js.
import { readFileSync } from "node:fs";
import path from "node:path";
import { build } from "esbuild";
import { PROGRAMS } from "./programs.mjs";

export const OUT_DIR = "dist/programs";

const BUNDLED = new Set(["server-only", "plaid", "date-fns", "zod"]);

function externals(root) {
  const read = (file) => JSON.parse(readFileSync(path.join(root, file), "utf8"));
  const pkg = read("package.json");
  const emulator = read("packages/plaid-emulator/package.json");
  const names = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies, ...emulator.dependencies }).filter(
    // The workspace's emulator ships TypeScript: it is compiled in. next's subpaths are handled below.
    (name) => !name.startsWith("@mingus/") && !BUNDLED.has(name) && name !== "next",
  );
  return [...names, ...names.map((name) => `${name}/*`)];
}

/** next has no "exports" map: Node's ESM loader finds `next/headers` only as `next/headers.js`. */
const nextSubpaths = {
  name: "next-subpaths",
  setup(builder) {
    builder.onResolve({ filter: /^next\/[a-z-]+$/ }, (args) => ({ path: `${args.path}.js`, external: true }));
  },
};

export async function buildPrograms({ root = process.cwd(), outDir = OUT_DIR } = {}) {
  const result = await build({
    absWorkingDir: root,
    entryPoints: PROGRAMS,
    outdir: outDir,
    outExtension: { ".js": ".mjs" },
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    conditions: ["react-server"],
    external: externals(root),
    plugins: [nextSubpaths],
    // Smaller to load; names kept, so stack traces and logged errors still read.
    minifyWhitespace: true,
    minifySyntax: true,
    keepNames: true,
    legalComments: "none",
    // CommonJS dependencies bundled in (plaid) call require() for Node's own modules.
    banner: {
      js: 'import { createRequire as __mingusRequire } from "node:module"; const require = __mingusRequire(import.meta.url);',
    },
    metafile: true,
    logLevel: "warning",
  });
  return Object.entries(result.metafile.outputs).map(([file, output]) => ({ file, bytes: output.bytes }));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const outputs = await buildPrograms();
  for (const { file, bytes } of outputs) process.stdout.write(`${file}  ${(bytes / 1024).toFixed(0)} kB\n`);
}
