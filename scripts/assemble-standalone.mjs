// Completes Next's standalone output into a server that runs on its own: `next build` leaves the
// browser assets (.next/static) and public/ out of <distDir>/standalone, since a CDN may serve them.
// The container image (Dockerfile) and the standalone e2e spec both run this, so they run the same tree.
//   node scripts/assemble-standalone.mjs [distDir]   (default NEXT_DIST_DIR or .next)
import fs from "node:fs";
import path from "node:path";

const distDir = path.resolve(process.argv[2] ?? process.env.NEXT_DIST_DIR ?? ".next");
const standalone = path.join(distDir, "standalone");
if (!fs.existsSync(path.join(standalone, "server.js"))) {
  console.error(
    `${standalone}/server.js is missing: run npm run build first (next.config.js sets output: "standalone").`,
  );
  process.exit(1);
}
// The standalone tree keeps the build output under the same folder name (standalone/.next).
fs.cpSync(path.join(distDir, "static"), path.join(standalone, path.basename(distDir), "static"), { recursive: true });
fs.cpSync("public", path.join(standalone, "public"), { recursive: true });
console.log(`standalone server ready: node ${path.relative(process.cwd(), path.join(standalone, "server.js"))}`);
