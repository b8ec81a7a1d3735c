// Database tests against the Plaid emulator over HTTP, through the app's own Plaid client. A test file
// writes
//   vi.mock("@/lib/plaid/config", () => import("@/lib/test/emulator"));
//   const server = setUpEmulatorServer();
// The mock is this module: Plaid's configuration as the app resolves it, with the emulator's address
// swapped for the test server's. (vi.mock is hoisted per file, so that one line stays in each file.)
import { afterAll, afterEach, beforeAll, vi } from "vitest";
import type * as PlaidConfigModule from "@/lib/plaid/config";
import { type EmulatorServer, startEmulatorServer } from "@/lib/plaid-emulator/test-server";
import { flushWebhooks } from "@/lib/plaid-emulator/webhooks";

const actual = await vi.importActual<typeof PlaidConfigModule>("@/lib/plaid/config");
let started: EmulatorServer | null = null;

export type { PlaidConfig, PlaidMode } from "@/lib/plaid/config";
export const resolvePlaidConfig = actual.resolvePlaidConfig;
export const isPlaidEmulated = actual.isPlaidEmulated;

export function getPlaidConfig(): PlaidConfigModule.PlaidConfig {
  if (!started) throw new Error("the test emulator is not running: call setUpEmulatorServer() in the test file");
  return { ...actual.getPlaidConfig(), basePath: started.url };
}

/**
 * Starts an emulator before the file's tests, clears its faults after each test, and flushes its
 * webhooks and closes it at the end. The returned object stands for the running server (it forwards
 * to it), so tests use it as they would the server itself.
 */
export function setUpEmulatorServer(): EmulatorServer {
  beforeAll(async () => {
    started = await startEmulatorServer();
  });
  afterEach(async () => {
    await started?.post("/emulator/faults/clear", {});
  });
  afterAll(async () => {
    await flushWebhooks();
    await started?.close();
    started = null;
  });
  return new Proxy({} as EmulatorServer, {
    get(_target, property) {
      if (!started) throw new Error("the test emulator is used before it started (outside a test?)");
      const value = Reflect.get(started, property);
      return typeof value === "function" ? value.bind(started) : value;
    },
  });
}
