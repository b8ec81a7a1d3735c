// Which hosts the emulator may POST webhooks to: none but the listed ones, so a caller cannot make
// the server reach its own loopback or private network.
import { describe, expect, it } from "vitest";
import { isWebhookHostAllowed } from "./webhooks.ts";

describe("isWebhookHostAllowed", () => {
  it("allows any host without a list", () => {
    expect(isWebhookHostAllowed("http://10.0.0.1/x", undefined)).toBe(true);
  });

  it("matches a host on any port, or a host and port exactly", () => {
    const hosts = ["app.example", "127.0.0.1:3000", "[::1]:8080"];
    for (const url of ["https://app.example/hook", "http://app.example:8443/hook", "http://127.0.0.1:3000/x"]) {
      expect(isWebhookHostAllowed(url, hosts), url).toBe(true);
    }
    expect(isWebhookHostAllowed("http://[::1]:8080/x", hosts)).toBe(true);
    for (const url of [
      "http://127.0.0.1:3001/x",
      "http://localhost:3000/x",
      "http://app.example.evil.test/x",
      "http://evil.test/app.example",
      "http://app.example@evil.test/x",
      "http://[::1]:8081/x",
      "ftp://app.example/x",
      "not a url",
    ]) {
      expect(isWebhookHostAllowed(url, hosts), url).toBe(false);
    }
  });

  it("takes a listed port 80 or 443 as the scheme's default", () => {
    expect(isWebhookHostAllowed("http://app.example/x", ["app.example:80"])).toBe(true);
    expect(isWebhookHostAllowed("https://app.example/x", ["app.example:443"])).toBe(true);
    expect(isWebhookHostAllowed("https://app.example/x", ["app.example:80"])).toBe(false);
  });
});
