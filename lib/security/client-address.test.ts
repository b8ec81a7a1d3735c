// The client's address: the connection's own unless it is a trusted proxy. The audit's case: 35 guesses
// each with a new X-Forwarded-For were all counted as different clients.
import { describe, expect, it } from "vitest";
import { clientAddress } from "./client-address";
import { PEER_ADDRESS_HEADER } from "./peer-address";

const from = (peer: string, forwarded?: string) =>
  new Headers({ [PEER_ADDRESS_HEADER]: peer, ...(forwarded ? { "x-forwarded-for": forwarded } : {}) });

describe("clientAddress", () => {
  it("ignores X-Forwarded-For without trusted proxies", () => {
    for (let i = 0; i < 35; i++) expect(clientAddress(from("203.0.113.7", `198.51.100.${i}`), [])).toBe("203.0.113.7");
  });

  it("ignores X-Forwarded-For from a connection that is not a trusted proxy", () => {
    expect(clientAddress(from("203.0.113.7", "198.51.100.1"), ["10.0.0.0/8"])).toBe("203.0.113.7");
  });

  it("reads past trusted proxies, from the right, to the first address they do not vouch for", () => {
    // A client that forges an entry: the proxy appends the real address after it.
    expect(clientAddress(from("10.0.0.2", "6.6.6.6, 198.51.100.9"), ["10.0.0.0/8"])).toBe("198.51.100.9");
    expect(clientAddress(from("10.0.0.2", "198.51.100.9, 10.0.0.3"), ["10.0.0.0/8"])).toBe("198.51.100.9");
    expect(clientAddress(from("127.0.0.1", "198.51.100.9"), ["loopback"])).toBe("198.51.100.9");
  });

  it("takes a plain object of headers, as next-auth hands them over", () => {
    expect(clientAddress({ [PEER_ADDRESS_HEADER]: "::1", "x-forwarded-for": "1.2.3.4" }, [])).toBe("::1");
  });

  it("says unknown when the connection's address was not recorded", () => {
    expect(clientAddress(new Headers({ "x-forwarded-for": "1.2.3.4" }), [])).toBe("unknown");
  });
});
