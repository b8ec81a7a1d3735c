// Database tests against the Plaid emulator (@mingus/plaid-emulator) over HTTP, through the app's own
// Plaid client, the emulator keeping its state in the test's own database. A test file writes
//   vi.mock("@/lib/plaid/config", () => import("@/lib/test/emulator"));
//   const server = setUpEmulatorServer();
// The mock is this module: Plaid's configuration as the app resolves it, with the emulator's address
// swapped for the test server's. (vi.mock is hoisted per file, so that one line stays in each file.)
import { type EmulatorServer, forwardToServer, startEmulatorServer } from "@mingus/plaid-emulator/testing";
import { afterAll, afterEach, beforeAll, vi } from "vitest";
import type * as PlaidConfigModule from "@/lib/plaid/config";
import { createEmulatorStore } from "@/lib/plaid/emulator-mount";

const actual = await vi.importActual<typeof PlaidConfigModule>("@/lib/plaid/config");
let started: EmulatorServer | null = null;

export type { PlaidConfig, PlaidMode } from "@/lib/plaid/config";
export const resolvePlaidConfig = actual.resolvePlaidConfig;
export const isPlaidEmulated = actual.isPlaidEmulated;
export const isEmulatorMounted = actual.isEmulatorMounted;
export const plaidStartupProblem = actual.plaidStartupProblem;

export function getPlaidConfig(): PlaidConfigModule.PlaidConfig {
  if (!started) throw new Error("the test emulator is not running: call setUpEmulatorServer() in the test file");
  return { ...actual.getPlaidConfig(), basePath: started.url };
}

/**
 * An emulator on a free port, on the test's database (migrated before it answers). Its close() waits
 * for its webhooks, stops it and lets go of its connections.
 */
export async function startTestEmulator(): Promise<EmulatorServer> {
  const store = createEmulatorStore();
  const server = await startEmulatorServer({ store });
  return {
    ...server,
    async close() {
      await server.close();
      await store.close();
    },
  };
}

/**
 * Starts an emulator before the file's tests, clears its faults after each test, and flushes its
 * webhooks and closes it at the end. The returned object stands for the running server (it forwards
 * to it), so tests use it as they would the server itself.
 */
export function setUpEmulatorServer(): EmulatorServer {
  beforeAll(async () => {
    started = await startTestEmulator();
  });
  afterEach(async () => {
    await started?.post("/emulator/faults/clear", {});
  });
  afterAll(async () => {
    await started?.close();
    started = null;
  });
  return forwardToServer(() => started);
}
