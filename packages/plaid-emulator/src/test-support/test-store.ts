// The store this test file runs on (set up by store-setup.ts), and an emulator server over it.
import { afterAll, afterEach, beforeAll } from "vitest";
import type { EmulatorStore } from "../store/store.ts";
import { type EmulatorServer, forwardToServer, startEmulatorServer } from "../testing.ts";

let current: EmulatorStore | null = null;

export function setTestStore(store: EmulatorStore): void {
  current = store;
}

export function testStore(): EmulatorStore {
  if (!current) throw new Error("no test store: is this a *.db.test.ts file?");
  return current;
}

/**
 * An emulator server for the file's tests: started before them, its faults cleared after each, its
 * webhooks flushed and the server closed at the end. The object forwards to the running server.
 */
export function useEmulatorServer(options: { clock?: () => Date } = {}): EmulatorServer {
  let started: EmulatorServer | null = null;
  beforeAll(async () => {
    started = await startEmulatorServer({ store: testStore(), ...options });
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
