// Vitest global setup for the db project on the embedded backend: one PGlite data folder, migrated once
// per run, that each test file copies instead of starting an empty in-memory PGlite and migrating it.
// A fresh PGlite spends seconds in initdb; a copied folder boots in half a second (BENCHMARKS.md has
// no figure for this: it is a test-suite cost, measured when it was added, 4.5-7.8 s against 1.3 s).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { migrate, pgliteTarget } from "@/lib/db/migrate";
import { createPGlite } from "@/lib/db/pglite";
import { testBackend } from "./databases";

declare module "vitest" {
  export interface ProvidedContext {
    /** The migrated embedded database each db test file starts from (a copy of it); null on PostgreSQL. */
    pgliteTemplate: string | null;
  }
}

export default async function setup(project: TestProject) {
  if (testBackend() !== "embedded") {
    project.provide("pgliteTemplate", null);
    return;
  }
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "mingus-test-template-"));
  const pglite = createPGlite(folder);
  try {
    await migrate(pgliteTarget(pglite));
  } finally {
    await pglite.close();
  }
  project.provide("pgliteTemplate", folder);
  return () => fs.rmSync(folder, { recursive: true, force: true });
}
