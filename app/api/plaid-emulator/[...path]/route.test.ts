import { beforeEach, describe, expect, it, vi } from "vitest";

const emulated = vi.hoisted(() => ({ value: true }));
const handled = vi.hoisted(() => vi.fn(async () => Response.json({ request_id: "x" })));

vi.mock("@/lib/plaid/config", () => ({ isPlaidEmulated: () => emulated.value }));
vi.mock("@/lib/plaid-emulator", () => ({ handleEmulatorRequest: handled }));

const route = await import("./route");
const context = { params: Promise.resolve({ path: ["item", "get"] }) };

describe("/api/plaid-emulator/[...path]", () => {
  beforeEach(() => {
    handled.mockClear();
  });

  it("hands every method to the emulator while Plaid is emulated", async () => {
    emulated.value = true;
    const request = new Request("http://app/api/plaid-emulator/item/get", { method: "POST", body: "{}" });
    expect((await route.POST(request, context)).status).toBe(200);
    expect(handled).toHaveBeenCalledWith({ path: ["item", "get"], request });
    await route.GET(new Request("http://app/api/plaid-emulator/item/get"), context);
    expect(handled).toHaveBeenCalledTimes(2);
    expect(route.dynamic).toBe("force-dynamic");
  });

  it("answers a plain 404 to every method when real Plaid is configured", async () => {
    emulated.value = false;
    for (const handler of [route.POST, route.GET, route.PUT, route.PATCH, route.DELETE]) {
      const response = await handler(
        new Request("http://app/api/plaid-emulator/item/get", { method: "POST" }),
        context,
      );
      expect(response.status).toBe(404);
      expect(await response.text()).toBe("Not Found");
    }
    expect(handled).not.toHaveBeenCalled();
  });
});
