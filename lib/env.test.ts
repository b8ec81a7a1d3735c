import { describe, expect, test } from "vitest";
import { EnvError, parseEnv } from "@/lib/env";

describe("parseEnv", () => {
  test("defaults to the embedded database", () => {
    const env = parseEnv({});
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.PGLITE_DATA_DIR).toBe(".data/pglite");
    expect(env.DATABASE_POOL_SIZE).toBe(10);
  });

  test("an empty DATABASE_URL means unset", () => {
    expect(parseEnv({ DATABASE_URL: "  " }).DATABASE_URL).toBeUndefined();
  });

  test("reads FX_RATES_URL as optional, an empty value as unset", () => {
    const url = "https://www.ecb.europa.eu/stats/eurofxref/eurofxref-daily.xml";
    expect(parseEnv({ FX_RATES_URL: url }).FX_RATES_URL).toBe(url);
    expect(parseEnv({ FX_RATES_URL: " " }).FX_RATES_URL).toBeUndefined();
  });

  test("accepts a PostgreSQL URL", () => {
    const url = "postgresql://postgres@127.0.0.1:5432/mingus";
    expect(parseEnv({ DATABASE_URL: url }).DATABASE_URL).toBe(url);
  });

  test.each([
    [{ DATABASE_URL: "mysql://root@localhost/mingus" }, "DATABASE_URL: must be a postgresql:// connection URL"],
    [{ DATABASE_POOL_SIZE: "0" }, "DATABASE_POOL_SIZE"],
    [{ DATABASE_POOL_SIZE: "many" }, "DATABASE_POOL_SIZE"],
    [{ NODE_ENV: "staging" }, "NODE_ENV"],
    [{ PLAID_EMULATOR: "yes" }, "PLAID_EMULATOR: must be on or off"],
    [{ PLAID_TRANSACTIONS_REFRESH: "yes" }, "PLAID_TRANSACTIONS_REFRESH: must be on or off"],
    [{ PLAID_EMULATOR: "off" }, "PLAID_EMULATOR_URL: is required with PLAID_EMULATOR=off"],
    [{ FX_RATES_URL: "ftp://example.test/rates.xml" }, "FX_RATES_URL: must be an http(s):// URL"],
    [{ FX_RATES_URL: "eurofxref-daily.xml" }, "FX_RATES_URL: must be an http(s):// URL"],
  ])("rejects %o, naming the variable", (source, message) => {
    expect(() => parseEnv(source)).toThrow(EnvError);
    expect(() => parseEnv(source)).toThrow(message);
  });

  test("reports every bad variable at once", () => {
    try {
      parseEnv({ DATABASE_URL: "nope", DATABASE_POOL_SIZE: "-1" });
      expect.unreachable();
    } catch (error) {
      expect((error as EnvError).issues.map((issue) => issue.variable).sort()).toEqual([
        "DATABASE_POOL_SIZE",
        "DATABASE_URL",
      ]);
    }
  });
});
