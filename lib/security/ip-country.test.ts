// The place of a session's address: a country from DB-IP's table, private networks as such, and
// nothing at all for what is not an address.
import { expect, test } from "vitest";
import { describePlace, LOCAL, placeOfAddress, storedPlace } from "./ip-country";

test.each([
  ["8.8.8.8", { kind: "country", code: "US" }],
  ["2a01:e0a::1", { kind: "country", code: "FR" }],
  ["127.0.0.1", { kind: "local" }],
  ["10.1.2.3", { kind: "local" }],
  ["::ffff:192.168.1.10", { kind: "local" }],
  ["fd00::1", { kind: "local" }],
  ["unknown", { kind: "unknown" }],
  ["8.8.8.8, 1.1.1.1", { kind: "unknown" }],
  ["", { kind: "unknown" }],
])("%s is %o", async (address, place) => {
  expect(await placeOfAddress(address)).toEqual(place);
});

test("what the sessions table stores, and how it reads back", () => {
  expect(storedPlace({ kind: "country", code: "DE" })).toBe("DE");
  expect(storedPlace({ kind: "local" })).toBe(LOCAL);
  expect(storedPlace({ kind: "unknown" })).toBeNull();
  expect(describePlace("DE")).toBe("Germany");
  expect(describePlace(LOCAL)).toBe("Local network");
  expect(describePlace(null)).toBeNull();
});
