import { describe, expect, it } from "vitest";
import { DEFAULT_DATA_DIR, DEFAULT_PORT, OptionsError, parseStandaloneOptions } from "./options.ts";

describe("the standalone emulator's options", () => {
  it("listens on 127.0.0.1:4010 with an embedded database in .data/plaid-emulator by default", () => {
    expect(parseStandaloneOptions([], {})).toEqual({
      port: DEFAULT_PORT,
      host: "127.0.0.1",
      databaseUrl: null,
      dataDir: DEFAULT_DATA_DIR,
      credentials: null,
      webhookHosts: null,
    });
  });

  it("takes flags before the environment", () => {
    const env = {
      PORT: "5000",
      EMULATOR_DATABASE_URL: "postgresql://env/db",
      HOST: "0.0.0.0",
      EMULATOR_CLIENT_ID: "client",
      EMULATOR_SECRET: "a-secret-of-some-length",
      EMULATOR_WEBHOOK_HOSTS: "app.example:8443, Localhost",
    };
    expect(parseStandaloneOptions(["--port", "6000", "--database-url", "postgres://flag/db"], env)).toEqual({
      port: 6000,
      host: "0.0.0.0",
      databaseUrl: "postgres://flag/db",
      dataDir: DEFAULT_DATA_DIR,
      credentials: { clientId: "client", secret: "a-secret-of-some-length" },
      webhookHosts: ["app.example:8443", "localhost"],
    });
    expect(parseStandaloneOptions([], env)).toMatchObject({ port: 5000, databaseUrl: "postgresql://env/db" });
    expect(parseStandaloneOptions(["--data-dir", "/tmp/e"], { EMULATOR_DATA_DIR: "/tmp/x" })).toMatchObject({
      dataDir: "/tmp/e",
    });
  });

  it.each([
    [["--port", "http"], {}, "--port (or PORT) must be a port number"],
    [[], { PORT: "70000" }, "--port (or PORT) must be a port number"],
    [["--database-url", "mysql://x/y"], {}, "must be a postgresql:// connection URL"],
    [["--data-dir", "a", "--database-url", "postgresql://x/y"], {}, "exclude each other"],
    [["--bogus"], {}, "Unknown option '--bogus'"],
    [[], { EMULATOR_CLIENT_ID: "c" }, "set both, or neither"],
    // Reachable from other machines, it must not take any key pair.
    [["--host", "0.0.0.0"], {}, "set EMULATOR_CLIENT_ID and EMULATOR_SECRET"],
  ])("refuses %o %o", (argv, env, message) => {
    expect(() => parseStandaloneOptions(argv, env)).toThrow(OptionsError);
    expect(() => parseStandaloneOptions(argv, env)).toThrow(message);
  });

  it("asks for help with --help", () => {
    expect(parseStandaloneOptions(["--help"], {})).toBe("help");
  });
});
