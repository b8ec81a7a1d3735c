// The one Prisma client, on whichever backend the environment selects: PostgreSQL through
// @prisma/adapter-pg when DATABASE_URL is set, the embedded PGlite otherwise. Created on first use,
// so importing this module (as `next build` does) opens no database.
import "server-only";
import type { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { env } from "@/lib/env";
import { PrismaClient } from "./generated/client";
import { type EmbeddedDatabase, openEmbeddedDatabase } from "./pglite";

export type DatabaseKind = "embedded" | "postgresql";

export type Backend =
  | { kind: "embedded"; client: PrismaClient; pglite: PGlite; embedded: EmbeddedDatabase }
  | { kind: "postgresql"; client: PrismaClient; url: string };

const globalForDb = globalThis as typeof globalThis & { __mingusBackend?: Backend };

export function databaseKind(): DatabaseKind {
  return env.DATABASE_URL ? "postgresql" : "embedded";
}

function createBackend(): Backend {
  if (env.DATABASE_URL) {
    const adapter = new PrismaPg({
      connectionString: env.DATABASE_URL,
      max: env.DATABASE_POOL_SIZE,
      connectionTimeoutMillis: 5_000,
    });
    return { kind: "postgresql", client: new PrismaClient({ adapter }), url: env.DATABASE_URL };
  }
  const embedded = openEmbeddedDatabase(env.PGLITE_DATA_DIR);
  const { pglite } = embedded;
  return { kind: "embedded", client: new PrismaClient({ adapter: new PrismaPGlite(pglite) }), pglite, embedded };
}

/** The process-wide backend, kept on globalThis so hot reloads and duplicate module graphs share it. */
export function getBackend(): Backend {
  globalForDb.__mingusBackend ??= createBackend();
  return globalForDb.__mingusBackend;
}

/** Closes the backend (tests, CLIs). The next use opens it again. */
export async function closeBackend(): Promise<void> {
  const backend = globalForDb.__mingusBackend;
  if (!backend) return;
  globalForDb.__mingusBackend = undefined;
  await backend.client.$disconnect();
  if (backend.kind === "embedded") await backend.embedded.close();
}

export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, property) {
    const client = getBackend().client;
    const value = Reflect.get(client, property, client);
    return typeof value === "function" ? value.bind(client) : value;
  },
});
