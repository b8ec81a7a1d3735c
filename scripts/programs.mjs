// The programs `npm run build` compiles into dist/programs/ (scripts/build-programs.mjs) and
// `scripts/program.mjs` runs: each name with its TypeScript source. No dependencies, so production
// (where esbuild is not installed) can read it too.
export const PROGRAMS = {
  worker: "scripts/worker.ts",
  migrate: "scripts/migrate.ts",
  "promote-admin": "scripts/promote-admin.ts",
  "rotate-keys": "scripts/rotate-keys.ts",
  "fetch-rates": "scripts/fetch-rates.ts",
  "plaid-webhooks": "scripts/plaid-webhooks.ts",
};
