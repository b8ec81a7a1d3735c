import { randomBytes } from "node:crypto";
import { CountryCode } from "plaid";
import { describe, expect, test } from "vitest";
import webpush from "web-push";
import { EnvError, PLAID_COUNTRY_CODES, parseEnv } from "@/lib/env";

const KEY = randomBytes(32).toString("base64");
const POSTGRES = "postgresql://postgres@127.0.0.1:5432/mingus";
const SECRET = "a-session-secret-that-is-32-chars-or-more";
const vapid = webpush.generateVAPIDKeys();
const PUSH = { VAPID_PUBLIC_KEY: vapid.publicKey, VAPID_PRIVATE_KEY: vapid.privateKey, VAPID_SUBJECT: "mailto:a@b.c" };

/** The issues parseEnv reports for `source`, as "VARIABLE: message" lines. */
function issuesOf(source: Record<string, string>): string[] {
  try {
    parseEnv(source);
  } catch (error) {
    return (error as EnvError).issues.map((issue) => `${issue.variable}: ${issue.message}`);
  }
  return [];
}

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
    expect(
      parseEnv({ DATABASE_URL: url, NEXTAUTH_SECRET: SECRET, TOKEN_ENCRYPTION_KEY: `k1:${KEY}` }).DATABASE_URL,
    ).toBe(url);
  });

  test.each([
    [{ DATABASE_URL: "mysql://root@localhost/mingus" }, "DATABASE_URL: must be a postgresql:// connection URL"],
    [{ DATABASE_POOL_SIZE: "0" }, "DATABASE_POOL_SIZE"],
    [{ DATABASE_POOL_SIZE: "many" }, "DATABASE_POOL_SIZE"],
    [{ NODE_ENV: "staging" }, "NODE_ENV"],
    [{ PLAID_EMULATOR: "yes" }, "PLAID_EMULATOR: must be on or off"],
    [{ PLAID_TRANSACTIONS_REFRESH: "yes" }, "PLAID_TRANSACTIONS_REFRESH: must be on or off"],
    [{ PLAID_EMULATOR: "off" }, "PLAID_EMULATOR_URL: is required with PLAID_EMULATOR=off"],
    // A production server serving the emulator must not take the known development pair.
    [
      { NODE_ENV: "production", PLAID_EMULATOR: "on" },
      "PLAID_EMULATOR_CLIENT_ID: is required with PLAID_EMULATOR=on in production",
    ],
    [
      { NODE_ENV: "production", PLAID_EMULATOR: "on", PLAID_EMULATOR_CLIENT_ID: "demo" },
      "PLAID_EMULATOR_SECRET: is required with PLAID_EMULATOR_CLIENT_ID",
    ],
    [
      { PLAID_EMULATOR_CLIENT_ID: "demo", PLAID_EMULATOR_SECRET: "short" },
      "PLAID_EMULATOR_SECRET: must be at least 16 characters",
    ],
    [{ FX_RATES_URL: "ftp://example.test/rates.xml" }, "FX_RATES_URL: must be an http:// or https:// URL"],
    [{ FX_RATES_URL: "eurofxref-daily.xml" }, "FX_RATES_URL: must be an http:// or https:// URL"],
    [
      {
        DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/mingus",
        NEXTAUTH_SECRET: SECRET,
        TOKEN_ENCRYPTION_KEY: `k1:${KEY}`,
        WORKER_CONCURRENCY: "16",
      },
      "DATABASE_POOL_SIZE: must be at least WORKER_CONCURRENCY + 2 (18)",
    ],
    [{ METRICS_TOKEN: "short" }, "METRICS_TOKEN: must be at least 32 characters"],
    [{ METRICS_TOKEN: `${"a".repeat(32)} b` }, "METRICS_TOKEN: must be printable ASCII without spaces"],
    [{ METRICS_TOKEN: "a".repeat(32), WORKER_METRICS_PORT: "70000" }, "WORKER_METRICS_PORT: must be a port number"],
    [{ WORKER_METRICS_PORT: "9464" }, "WORKER_METRICS_PORT: needs METRICS_TOKEN"],
  ])("rejects %o, naming the variable", (source, message) => {
    expect(() => parseEnv(source)).toThrow(EnvError);
    expect(() => parseEnv(source)).toThrow(message);
  });

  test("accepts a complete PostgreSQL deployment", () => {
    const env = parseEnv({
      DATABASE_URL: POSTGRES,
      NEXTAUTH_SECRET: SECRET,
      TOKEN_ENCRYPTION_KEY: `k2:${KEY},k1:${randomBytes(32).toString("base64")}`,
      PLAID_ENV: "sandbox",
      PLAID_CLIENT_ID: "client",
      PLAID_SECRET: "secret",
      SMTP_URL: "smtps://mailer:pw@smtp.example.com:465",
      ADMIN_EMAILS: "Ops@Example.com, me@example.com",
      LOG_LEVEL: "debug",
      ...PUSH,
    });
    expect(env.TOKEN_ENCRYPTION_KEY).toContain("k2:");
    expect(env.ADMIN_EMAILS).toEqual(["ops@example.com", "me@example.com"]);
    expect(env.LOG_LEVEL).toBe("debug");
  });

  describe("TOKEN_ENCRYPTION_KEY", () => {
    test.each([
      ["a key without its kid: prefix", KEY, 'entry 1 has no key id: each entry must be "kid:base64key"'],
      ["a key id with a dot", `k.1:${KEY}`, 'entry 1: the key id before ":" must be 1-64 letters'],
      ["a short key", `k1:${randomBytes(16).toString("base64")}`, 'key "k1" must decode to 32 bytes, not 16'],
      ["bad base64", "k1:not*base64", 'key "k1" is not valid base64'],
      ["a repeated key id", `k1:${KEY},k1:${KEY}`, 'key id "k1" appears more than once'],
    ])("rejects %s, saying how to make one and never echoing the key", (_case, value, message) => {
      const issues = issuesOf({ TOKEN_ENCRYPTION_KEY: value });
      expect(issues).toHaveLength(1);
      expect(issues[0]).toContain(`TOKEN_ENCRYPTION_KEY: ${message}`);
      if (!message.includes("repeated")) expect(issues.join("\n")).not.toContain(KEY);
    });

    test("the message of a bad key says how to generate one", () => {
      expect(issuesOf({ TOKEN_ENCRYPTION_KEY: KEY })[0]).toContain("randomBytes(32).toString('base64')");
    });
  });

  test("DATABASE_URL requires NEXTAUTH_SECRET and TOKEN_ENCRYPTION_KEY (shared by every process)", () => {
    expect(issuesOf({ DATABASE_URL: POSTGRES })).toEqual([
      expect.stringMatching(/^NEXTAUTH_SECRET: is required when DATABASE_URL is set .*openssl rand -base64 32/),
      expect.stringMatching(/^TOKEN_ENCRYPTION_KEY: is required when DATABASE_URL is set .*Generate one with/),
    ]);
    // The embedded database generates both.
    expect(issuesOf({})).toEqual([]);
  });

  test("NEXTAUTH_SECRET must be at least 32 characters", () => {
    expect(issuesOf({ NEXTAUTH_SECRET: "short" })).toEqual([
      expect.stringMatching(/^NEXTAUTH_SECRET: must be at least 32 characters \(generate one with: openssl/),
    ]);
  });

  test.each([
    [{ PLAID_ENV: "sandbox" }, ["PLAID_CLIENT_ID", "PLAID_SECRET"]],
    [{ PLAID_SECRET: "s" }, ["PLAID_ENV", "PLAID_CLIENT_ID"]],
    [{ PLAID_CLIENT_ID: "c", PLAID_SECRET: "s" }, ["PLAID_ENV"]],
    [{ GITHUB_ID: "id" }, ["GITHUB_SECRET"]],
    [{ GOOGLE_CLIENT_SECRET: "s" }, ["GOOGLE_CLIENT_ID"]],
    [{ VAPID_SUBJECT: "mailto:a@b.c" }, ["VAPID_PUBLIC_KEY", "VAPID_PRIVATE_KEY"]],
  ])("all or none: %o names the missing %o", (source, missing) => {
    const issues = issuesOf(source);
    expect(issues.map((issue) => issue.split(":")[0])).toEqual(missing);
    for (const issue of issues) expect(issue).toMatch(/is required with .*\(set all of .*, or none\)/);
  });

  describe("VAPID keys", () => {
    test("accepts a generated pair", () => {
      expect(issuesOf(PUSH)).toEqual([]);
    });

    test.each([
      ["a public key of the wrong length", { VAPID_PUBLIC_KEY: vapid.publicKey.slice(0, 40) }, "VAPID_PUBLIC_KEY"],
      ["a padded (base64, not base64url) public key", { VAPID_PUBLIC_KEY: `${vapid.publicKey}=` }, "VAPID_PUBLIC_KEY"],
      ["a private key of 31 bytes", { VAPID_PRIVATE_KEY: randomBytes(31).toString("base64url") }, "VAPID_PRIVATE_KEY"],
      [
        "swapped halves",
        { VAPID_PUBLIC_KEY: vapid.privateKey, VAPID_PRIVATE_KEY: vapid.publicKey },
        "VAPID_PUBLIC_KEY",
      ],
      ["halves of two pairs", { VAPID_PUBLIC_KEY: webpush.generateVAPIDKeys().publicKey }, "VAPID_PUBLIC_KEY"],
    ])("rejects %s", (_case, change, variable) => {
      const issues = issuesOf({ ...PUSH, ...change });
      expect(issues[0]).toMatch(new RegExp(`^${variable}: .*npx web-push generate-vapid-keys`));
    });
  });

  test.each([
    [{ SMTP_URL: "mail.example.com:25" }, "SMTP_URL: must be an smtp:// or smtps:// URL"],
    [{ NEXTAUTH_URL: "localhost:3000" }, "NEXTAUTH_URL: must be an http:// or https:// URL"],
    [{ APP_URL: "ftp://example.com" }, "APP_URL: must be an http:// or https:// URL"],
    [{ ADMIN_EMAILS: "ops@example.com,not-an-email" }, "ADMIN_EMAILS: must be a comma-separated list of email"],
    [{ WORKER_CONCURRENCY: "lots" }, "WORKER_CONCURRENCY: must be a whole number from 1 to 32"],
    [{ LOG_LEVEL: "verbose" }, "LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent"],
    [{ LOG_FORMAT: "text" }, "LOG_FORMAT: must be json or pretty"],
    [{ PLAID_ENV: "staging", PLAID_CLIENT_ID: "c", PLAID_SECRET: "s" }, "PLAID_ENV: must be sandbox or production"],
  ])("rejects %o with a message saying what is expected", (source, message) => {
    expect(issuesOf(source)[0]).toContain(message);
  });

  test("the error's message lists each bad variable and where the settings are described", () => {
    expect(() => parseEnv({ TOKEN_ENCRYPTION_KEY: KEY, SMTP_URL: "nope" })).toThrow(
      /Invalid environment configuration:\n {2}TOKEN_ENCRYPTION_KEY: .*\n {2}SMTP_URL: .*\nEvery setting is described in docs\/configuration.md/s,
    );
  });

  test("reports every bad variable at once", () => {
    try {
      parseEnv({
        DATABASE_URL: "nope",
        DATABASE_POOL_SIZE: "-1",
        NEXTAUTH_SECRET: SECRET,
        TOKEN_ENCRYPTION_KEY: `k:${KEY}`,
      });
      expect.unreachable();
    } catch (error) {
      expect((error as EnvError).issues.map((issue) => issue.variable).sort()).toEqual([
        "DATABASE_POOL_SIZE",
        "DATABASE_URL",
      ]);
    }
  });
});

test("the Plaid countries the settings accept are exactly Plaid's CountryCode values", () => {
  expect([...PLAID_COUNTRY_CODES].sort()).toEqual(Object.values(CountryCode).sort());
});
