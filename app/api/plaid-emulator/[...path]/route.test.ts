import { beforeEach, describe, expect, it, vi } from "vitest";

const mounted = vi.hoisted(() => ({ value: true }));
const handled = vi.hoisted(() => vi.fn(async (_request: Request) => Response.json({ request_id: "x" })));

vi.mock("@/lib/plaid/config", () => ({ isEmulatorMounted: () => mounted.value }));
vi.mock("@/lib/plaid/emulator-mount", () => ({ getMountedEmulator: () => ({ handle: handled }) }));

const route = await import("./route");

describe("/api/plaid-emulator/[...path]", () => {
  beforeEach(() => {
    handled.mockClear();
  });

  it("hands every method to the emulator while this server mounts it", async () => {
    mounted.value = true;
    const request = new Request("http://app/api/plaid-emulator/item/get", { method: "POST", body: "{}" });
    expect((await route.POST(request)).status).toBe(200);
    expect(handled).toHaveBeenCalledWith(request);
    await route.GET(new Request("http://app/api/plaid-emulator/item/get"));
    expect(handled).toHaveBeenCalledTimes(2);
    expect(route.dynamic).toBe("force-dynamic");
  });

  it("answers a plain 404 to every method when it does not (real Plaid, or production without the flag)", async () => {
    mounted.value = false;
    for (const handler of [route.POST, route.GET, route.PUT, route.PATCH, route.DELETE]) {
      const response = await handler(new Request("http://app/api/plaid-emulator/item/get", { method: "POST" }));
      expect(response.status).toBe(404);
      expect(await response.text()).toBe("Not Found");
    }
    expect(handled).not.toHaveBeenCalled();
  });
});
