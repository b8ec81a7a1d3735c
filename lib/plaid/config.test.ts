import { describe, expect, test } from "vitest";
import { parseEnv } from "@/lib/env";
import { isEmulatorMounted, plaidStartupProblem, resolvePlaidConfig } from "./config";
import { DEVELOPMENT_EMULATOR_CLIENT_ID, DEVELOPMENT_EMULATOR_SECRET, emulatorWebhookHosts } from "./emulator-settings";

const KEYS = { PLAID_ENV: "sandbox", PLAID_CLIENT_ID: "client", PLAID_SECRET: "secret" };
const ELSEWHERE = "http://127.0.0.1:4010";
// A production server serving the emulator needs its own pair (lib/env.ts).
const DEMO = { PLAID_EMULATOR: "on", PLAID_EMULATOR_CLIENT_ID: "demo", PLAID_EMULATOR_SECRET: "a-demo-secret-value" };

describe("isEmulatorMounted", () => {
  test.each([
    ["development", {}, true],
    ["test", {}, true],
    ["production", {}, false],
    ["production", DEMO, true],
    ["development", { PLAID_EMULATOR: "off", PLAID_EMULATOR_URL: ELSEWHERE }, false],
    ["production", { PLAID_EMULATOR: "off", PLAID_EMULATOR_URL: ELSEWHERE }, false],
    ["development", KEYS, false],
    ["production", { ...KEYS, PLAID_EMULATOR: "on" }, false],
  ])("in %s with %o: %s", (NODE_ENV, settings, mounted) => {
    expect(isEmulatorMounted(parseEnv({ NODE_ENV, ...settings }))).toBe(mounted);
  });

  test("an app that does not mount it still talks to an emulator, elsewhere", () => {
    const settings = parseEnv({
      NODE_ENV: "development",
      PLAID_EMULATOR: "off",
      PLAID_EMULATOR_URL: "http://127.0.0.1:4010",
    });
    expect(isEmulatorMounted(settings)).toBe(false);
    expect(resolvePlaidConfig(settings)).toMatchObject({ mode: "emulator", basePath: "http://127.0.0.1:4010" });
  });
});

describe("the emulator's keys and webhook hosts", () => {
  test("the known pair in development, the configured one when set", () => {
    expect(resolvePlaidConfig(parseEnv({ NODE_ENV: "development" }))).toMatchObject({
      clientId: DEVELOPMENT_EMULATOR_CLIENT_ID,
      secret: DEVELOPMENT_EMULATOR_SECRET,
    });
    const own = { PLAID_EMULATOR_CLIENT_ID: "demo", PLAID_EMULATOR_SECRET: "a-demo-secret-value" };
    expect(resolvePlaidConfig(parseEnv({ NODE_ENV: "production", PLAID_EMULATOR: "on", ...own }))).toMatchObject({
      mode: "emulator",
      clientId: "demo",
      secret: "a-demo-secret-value",
    });
  });

  test("webhooks go to the app's own host unless PLAID_EMULATOR_WEBHOOK_HOSTS names others", () => {
    expect(emulatorWebhookHosts(parseEnv({ APP_URL: "https://mingus.example.com/" }))).toEqual(["mingus.example.com"]);
    expect(emulatorWebhookHosts(parseEnv({ NEXTAUTH_URL: "http://127.0.0.1:3000" }))).toEqual(["127.0.0.1:3000"]);
    expect(emulatorWebhookHosts(parseEnv({ PLAID_EMULATOR_WEBHOOK_HOSTS: "Hooks.Example:8443, localhost" }))).toEqual([
      "hooks.example:8443",
      "localhost",
    ]);
  });
});

describe("plaidStartupProblem", () => {
  test("refuses a production server with neither Plaid's keys nor PLAID_EMULATOR=on, naming both", () => {
    for (const extra of [
      {},
      { PLAID_EMULATOR: "off", PLAID_EMULATOR_URL: ELSEWHERE },
      { PLAID_EMULATOR_URL: ELSEWHERE },
    ]) {
      const problem = plaidStartupProblem(parseEnv({ NODE_ENV: "production", ...extra }));
      for (const name of ["PLAID_ENV", "PLAID_CLIENT_ID", "PLAID_SECRET", "PLAID_EMULATOR=on"]) {
        expect(problem).toContain(name);
      }
    }
  });

  test.each([
    ["production", KEYS],
    ["production", DEMO],
    ["development", {}],
    ["test", {}],
  ])("lets %s with %o start", (NODE_ENV, settings) => {
    expect(plaidStartupProblem(parseEnv({ NODE_ENV, ...settings }))).toBeNull();
  });
});

describe("OAuth and countries", () => {
  test("redirect to APP_URL/oauth-return and offer US banks unless told otherwise", () => {
    const config = resolvePlaidConfig(parseEnv({ NODE_ENV: "test", APP_URL: "https://mingus.example/" }));
    expect(config).toMatchObject({ redirectUri: "https://mingus.example/oauth-return", countryCodes: ["US"] });
  });

  test("take PLAID_REDIRECT_URI and PLAID_COUNTRY_CODES as given", () => {
    const config = resolvePlaidConfig(
      parseEnv({
        NODE_ENV: "test",
        ...KEYS,
        PLAID_REDIRECT_URI: "https://mingus.example/back",
        PLAID_COUNTRY_CODES: " us, GB ,es",
      }),
    );
    expect(config).toMatchObject({ redirectUri: "https://mingus.example/back", countryCodes: ["US", "GB", "ES"] });
  });

  test.each([["US,XX"], [","], ["ZZ"]])("refuse PLAID_COUNTRY_CODES=%j, naming the variable", (codes) => {
    expect(() => parseEnv({ NODE_ENV: "test", PLAID_COUNTRY_CODES: codes })).toThrow(/PLAID_COUNTRY_CODES/);
  });
});
