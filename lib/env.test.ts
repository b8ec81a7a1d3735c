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

  test("reads the metrics token and the worker's metrics port, both optional", () => {
    const token = "0123456789abcdef0123456789abcdef";
    expect(parseEnv({ METRICS_TOKEN: token, WORKER_METRICS_PORT: "9464" })).toMatchObject({
      METRICS_TOKEN: token,
      WORKER_METRICS_PORT: 9464,
    });
    expect(parseEnv({ METRICS_TOKEN: " ", WORKER_METRICS_PORT: "" })).toMatchObject({
      METRICS_TOKEN: undefined,
      WORKER_METRICS_PORT: undefined,
    });
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
    [{ METRICS_TOKEN: "short" }, "METRICS_TOKEN: must be at least 32 characters"],
    [{ METRICS_TOKEN: `${"a".repeat(32)} b` }, "METRICS_TOKEN: must be printable ASCII without spaces"],
    [{ METRICS_TOKEN: "a".repeat(32), WORKER_METRICS_PORT: "70000" }, "WORKER_METRICS_PORT: must be a port number"],
    [{ WORKER_METRICS_PORT: "9464" }, "WORKER_METRICS_PORT: needs METRICS_TOKEN"],
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
