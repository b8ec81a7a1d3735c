# Mingus in one image: the web server (Next's standalone output) by default, and the same image runs the
# sync worker and the migrations with another command (compose.yaml). docs/operations.md, Container.
#   docker build -t mingus .
ARG NODE_IMAGE=node:20-bookworm-slim

# ---- Every dependency, for the build -------------------------------------------------------------
FROM ${NODE_IMAGE} AS deps
WORKDIR /src
COPY package.json package-lock.json ./
COPY packages/plaid-emulator/package.json packages/plaid-emulator/
RUN npm ci --no-audit --no-fund

# ---- Runtime dependencies only, for the compiled worker and the operator programs ---------------------
FROM ${NODE_IMAGE} AS runtime-deps
WORKDIR /src
COPY package.json package-lock.json ./
COPY packages/plaid-emulator/package.json packages/plaid-emulator/
RUN npm ci --omit=dev --no-audit --no-fund

# ---- The build -----------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS build
WORKDIR /src
ENV NEXT_TELEMETRY_DISABLED=1
COPY --from=deps /src/node_modules node_modules
COPY . .
# Generates the Prisma client into lib/db/generated, builds the web server and compiles the programs
# (dist/programs), and completes the standalone server with its browser assets (the same step the
# standalone e2e spec runs).
RUN npm run build && node scripts/assemble-standalone.mjs .next

# ---- The image -------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runner
# Memory settings (scripts/production-memory.ts, which bench:memory measures): two malloc arenas and
# V8's heap limits for the web server; compose.yaml gives the worker its own NODE_OPTIONS.
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    PORT=3000 \
    HOSTNAME=0.0.0.0 \
    MALLOC_ARENA_MAX=2 \
    NODE_OPTIONS="--max-old-space-size=384 --max-semi-space-size=2"
RUN groupadd --system --gid 1001 mingus \
 && useradd --system --uid 1001 --gid mingus --no-create-home --shell /usr/sbin/nologin mingus

# The programs' tree, /opt/mingus: the compiled worker and operator programs (plain JavaScript, the
# Prisma client compiled in), the migrations they apply and the runtime modules they import. Nothing
# here is compiled or generated when a process starts: `node dist/programs/worker.mjs`.
WORKDIR /opt/mingus
COPY --from=runtime-deps /src/node_modules node_modules
COPY --from=build /src/package.json ./
COPY --from=build /src/dist/programs dist/programs
COPY --from=build /src/prisma/migrations prisma/migrations
COPY --from=build /src/packages packages

# The web server, /app: Next's standalone server with the modules it traced (PGlite's among them, for
# the embedded database; compose runs PostgreSQL), its migrations and browser assets.
WORKDIR /app
COPY --from=build /src/.next/standalone ./

# An embedded database, if one is used (no DATABASE_URL), and the mail outbox live in /app/.data: a
# volume, the one place the non-root user writes.
RUN mkdir -p /app/.data && chown mingus:mingus /app/.data
VOLUME ["/app/.data"]
USER mingus
EXPOSE 3000

HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/api/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

CMD ["node", "server.js"]
