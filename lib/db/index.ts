import "server-only";

export type { Backend, DatabaseKind } from "./client";
export { closeBackend, databaseKind, db, getBackend } from "./client";
export { Prisma } from "./generated/client";
export type * from "./generated/models";
