// Where the handler answers (its base path) and what a browser on another origin may call (the Link
// stand-in's endpoints, with cors on), decided before the store is touched.
import { describe, expect, it } from "vitest";
import { createPlaidEmulator } from "./emulator.ts";
import type { EmulatorStore } from "./store/store.ts";

const untouchable: EmulatorStore = {
  query: () => Promise.reject(new Error("the store was used")),
  transaction: () => Promise.reject(new Error("the store was used")),
  close: async () => undefined,
};

const emulator = (cors: boolean) =>
  createPlaidEmulator({ store: untouchable, basePath: "/api/plaid-emulator", cors, logError: () => undefined });

const post = (url: string, body: unknown = {}) =>
  new Request(url, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });

describe("the fetch handler", () => {
  it("answers Plaid's NOT_FOUND outside its base path and for unknown paths inside it", async () => {
    for (const url of [
      "http://app/link/session",
      "http://app/api/plaid-emulatorx/item/get",
      "http://app/api/plaid-emulator/nope",
    ]) {
      const response = await emulator(false).handle(post(url));
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({ error_type: "INVALID_REQUEST", error_code: "NOT_FOUND" });
    }
  });

  it("reads the route after the base path, however the slashes fall", async () => {
    const response = await emulator(false).handle(post("http://app/api/plaid-emulator//item//get/", {}));
    // The keys are checked before the store: a known route, refused for its missing keys.
    expect(await response.json()).toMatchObject({ error_code: "INVALID_API_KEYS" });
  });

  it("lets other origins call the Link stand-in's endpoints when cors is on, and nothing else", async () => {
    const preflight = await emulator(true).handle(
      new Request("http://app/api/plaid-emulator/link/session", { method: "OPTIONS" }),
    );
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("*");
    expect(preflight.headers.get("access-control-allow-headers")).toBe("Content-Type");

    const refused = await emulator(true).handle(post("http://app/api/plaid-emulator/link/login", {}));
    expect(refused.status).toBe(400);
    expect(refused.headers.get("access-control-allow-origin")).toBe("*");

    const api = await emulator(true).handle(
      new Request("http://app/api/plaid-emulator/link/token/create", { method: "OPTIONS" }),
    );
    expect(api.status).toBe(405);
    expect(api.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("with credentials, refuses any other key pair before the store is touched", async () => {
    const locked = createPlaidEmulator({
      store: untouchable,
      basePath: "/api/plaid-emulator",
      credentials: { clientId: "app", secret: "the-app-secret-value" },
      logError: () => undefined,
    });
    // The control endpoints (anyone's items) and Plaid's alike.
    for (const path of ["emulator/items/list", "item/get", "sandbox/public_token/create"]) {
      const response = await locked.handle(
        post(`http://app/api/plaid-emulator/${path}`, { client_id: "anyone", secret: "anything-at-all" }),
      );
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error_code: "INVALID_API_KEYS" });
    }
  });

  it("refuses a body that is not sent as application/json, the kind a page on any origin can send", async () => {
    const response = await emulator(false).handle(
      new Request("http://app/api/plaid-emulator/emulator/items/list", {
        method: "POST",
        headers: { "Content-Type": "text/plain; x=application/json" },
        body: JSON.stringify({ client_id: "c", secret: "s" }),
      }),
    );
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error_code: "INVALID_BODY",
      error_message: "the request's Content-Type must be application/json",
    });
  });

  it("sends no CORS headers with cors off", async () => {
    const preflight = await emulator(false).handle(
      new Request("http://app/api/plaid-emulator/link/session", { method: "OPTIONS" }),
    );
    expect(preflight.status).toBe(405);
    expect(preflight.headers.get("allow")).toBe("POST");
    expect(preflight.headers.get("access-control-allow-origin")).toBeNull();
  });
});
