import { describe, expect, it } from "vitest";
import { readLimitedBody } from "./read-limited-body";

function streamed(parts: string[], headers: Record<string, string> = {}) {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const part of parts) controller.enqueue(new TextEncoder().encode(part));
      controller.close();
    },
  });
  return new Request("http://test.local/", { method: "POST", body, headers, duplex: "half" } as RequestInit);
}

describe("readLimitedBody", () => {
  it("returns the exact bytes of a body within the limit, and nothing for none", async () => {
    const bytes = await readLimitedBody(streamed(['{"a":', "1}"]), 16);
    expect(new TextDecoder().decode(bytes ?? new Uint8Array())).toBe('{"a":1}');
    expect(await readLimitedBody(new Request("http://test.local/"), 16)).toEqual(new Uint8Array(0));
  });

  it("refuses a body declared larger than the limit without reading it", async () => {
    expect(await readLimitedBody(streamed(["x"], { "content-length": "100" }), 16)).toBeNull();
  });

  it("stops a body that passes the limit while it streams, whatever it declared", async () => {
    expect(await readLimitedBody(streamed(["0123456789", "0123456789"], { "content-length": "4" }), 16)).toBeNull();
    expect(await readLimitedBody(streamed(["0123456789", "012345"]), 16)).toHaveLength(16);
  });
});
