// The house's layers, checked by `npm run lint` (docs/architecture.md draws them). Arrows point down:
//   app/ → components/ → lib/<capability> → lib/plaid (the Plaid adapter), lib/jobs → lib/db and the kernel
// Capabilities are ordered; one may use those below it in CAPABILITIES, through their index.ts only.
// Programs (scripts/, bench/), tests and e2e/ sit on top and may reach anything in the product.

/** Use cases, highest first: each may import only the ones after it. */
const CAPABILITIES = [
  "workers",
  "admin",
  "auth",
  "connections",
  "sync",
  "notifications",
  "accounts",
  "format",
  "preferences",
  "fx",
  "audit",
];
/** Library code every layer above may use; it uses none of the layers above it. */
const KERNEL = "lib/(db|env\\.ts|env-error\\.ts|env-formats\\.ts|errors\\.ts|log|money|http)";
/** The one module of lib/auth that sits under the capabilities: "is this yours?" (db and errors only). */
const OWNERSHIP = "lib/auth/ownership\\.ts$";
/** Tests, their helpers and programs may reach past the public faces to set things up or measure. */
const NOT_LIBRARY = "(\\.test\\.ts$|/test-support\\.ts$|^lib/test/|^scripts/|^bench/|^e2e/)";

const upward = CAPABILITIES.flatMap((capability, index) => {
  const above = CAPABILITIES.slice(0, index);
  if (above.length === 0) return [];
  return [
    {
      name: `capability-order-${capability}`,
      comment: `lib/${capability} may use only the capabilities below it: ${CAPABILITIES.slice(index + 1).join(", ") || "none"}.`,
      severity: "error",
      from: { path: `^lib/${capability}/`, pathNot: NOT_LIBRARY },
      to: { path: `^lib/(${above.join("|")})/`, pathNot: OWNERSHIP },
    },
  ];
});

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-circular",
      comment: "No import cycles: each module can be read, tested and changed from the bottom up.",
      severity: "error",
      from: {},
      to: { circular: true },
    },
    {
      name: "components-not-app",
      comment: "A component never imports a page, layout or server action: its page hands actions in as props.",
      severity: "error",
      from: { path: "^components/" },
      to: { path: "^app/" },
    },
    {
      name: "lib-not-ui",
      comment: "Library code never imports pages or components.",
      severity: "error",
      from: { path: "^lib/", pathNot: NOT_LIBRARY },
      to: { path: "^(app|components)/" },
    },
    {
      name: "product-not-programs",
      comment: "Programs (scripts/, bench/) and tests (e2e/) use the product; the product never imports them.",
      severity: "error",
      from: { path: "^(app|components|lib)/" },
      to: { path: "^(scripts|bench|e2e)/" },
    },
    {
      name: "plaid-is-an-adapter",
      comment: "lib/plaid talks to Plaid (client, call log, token crypto, webhook verification); it holds no use case.",
      severity: "error",
      from: { path: "^lib/plaid/" },
      to: { path: `^lib/(${CAPABILITIES.join("|")}|jobs)/` },
    },
    {
      name: "jobs-is-infrastructure",
      comment: "lib/jobs sends and runs jobs; what a job does is handed in by lib/workers.",
      severity: "error",
      from: { path: "^lib/jobs/" },
      to: { path: `^lib/(${CAPABILITIES.join("|")}|plaid)/` },
    },
    {
      name: "kernel-is-the-floor",
      comment: "The database, settings, errors and money helpers import nothing above them.",
      severity: "error",
      from: { path: `^${KERNEL}`, pathNot: NOT_LIBRARY },
      to: { path: `^lib/(${CAPABILITIES.join("|")}|plaid|jobs|test)/` },
    },
    {
      name: "ownership-below-capabilities",
      comment: "lib/auth/ownership.ts is used by every capability, so it may use only the database and errors.",
      severity: "error",
      from: { path: OWNERSHIP },
      to: { path: "^lib/", pathNot: `^(${KERNEL})` },
    },
    ...upward,
    {
      name: "capability-public-face",
      comment:
        "Another capability is used through its index.ts, so its insides can change freely (lib/auth/ownership.ts excepted).",
      severity: "error",
      from: { path: "^lib/([^/]+)/", pathNot: NOT_LIBRARY },
      to: {
        path: `^lib/(${CAPABILITIES.join("|")})/`,
        pathNot: [`^lib/$1/`, "^lib/[^/]+/index\\.ts$", OWNERSHIP],
      },
    },
    {
      name: "sync-internals",
      comment: "Outside lib/sync, only lib/sync/index.ts: pages and components too.",
      severity: "error",
      from: { pathNot: ["^lib/sync/", NOT_LIBRARY] },
      to: { path: "^lib/sync/", pathNot: "^lib/sync/index\\.ts$" },
    },
    {
      name: "emulator-public-entry",
      comment: "The product uses the Plaid emulator package only through its published entry points.",
      severity: "error",
      // The root test configuration runs the package's own test projects (vitest.projects.ts).
      from: { pathNot: ["^packages/plaid-emulator/", "^vitest\\.config\\.ts$"] },
      to: { path: "^packages/plaid-emulator/", pathNot: "^packages/plaid-emulator/src/(index|testing)\\.ts$" },
    },
    {
      name: "emulator-stands-alone",
      comment: "The emulator package could be published: it never imports the product.",
      severity: "error",
      from: { path: "^packages/plaid-emulator/" },
      to: { path: "^(app|components|lib|scripts|bench)/" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "(^|/)(\\.next[^/]*|node_modules|\\.data|lib/db/generated)/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".tsx", ".mjs", ".js", ".cjs", ".json"],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
