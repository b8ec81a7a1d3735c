// The standalone emulator's settings, from its command line and environment: where it listens and
// where it keeps its state. Flags win over variables; a bad value stops it with a message naming it.
import { parseArgs } from "node:util";

export type StandaloneOptions = {
  port: number;
  host: string;
  /** A postgresql:// URL, or null for the embedded database in `dataDir`. */
  databaseUrl: string | null;
  dataDir: string;
  /** The only key pair API calls may carry (EMULATOR_CLIENT_ID and EMULATOR_SECRET); null: any pair. */
  credentials: { clientId: string; secret: string } | null;
  /** The hosts webhooks may go to (EMULATOR_WEBHOOK_HOSTS); null: any. */
  webhookHosts: string[] | null;
};

export const DEFAULT_PORT = 4010;
export const DEFAULT_DATA_DIR = ".data/plaid-emulator";

export const USAGE = `Usage: plaid-emulator [--port N] [--host H] [--data-dir DIR | --database-url URL]

  --port N            port to listen on (PORT; default ${DEFAULT_PORT})
  --host H            address to listen on (HOST; default 127.0.0.1)
  --data-dir DIR      embedded database folder (EMULATOR_DATA_DIR; default ${DEFAULT_DATA_DIR})
  --database-url URL  keep state in PostgreSQL instead (EMULATOR_DATABASE_URL), in schema plaid_emulator

Environment only (secrets stay out of the process list):
  EMULATOR_CLIENT_ID, EMULATOR_SECRET  the one key pair API calls are accepted with (unset: any pair;
                      required when listening on an address other than loopback)
  EMULATOR_WEBHOOK_HOSTS  hosts webhooks may be sent to, comma-separated "host" or "host:port" (unset: any)`;

export class OptionsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "OptionsError";
  }
}

const blankToUndefined = (value: string | undefined) => (value?.trim() ? value.trim() : undefined);

export function parseStandaloneOptions(
  argv: string[],
  env: Record<string, string | undefined>,
): StandaloneOptions | "help" {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        port: { type: "string" },
        host: { type: "string" },
        "data-dir": { type: "string" },
        "database-url": { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new OptionsError((error as Error).message);
  }
  if (values.help) return "help";
  const portText = blankToUndefined(values.port as string | undefined) ?? blankToUndefined(env.PORT);
  const port = portText === undefined ? DEFAULT_PORT : Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new OptionsError(`--port (or PORT) must be a port number from 0 to 65535, not "${portText}"`);
  }
  const databaseUrl =
    blankToUndefined(values["database-url"] as string | undefined) ?? blankToUndefined(env.EMULATOR_DATABASE_URL);
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new OptionsError("--database-url (or EMULATOR_DATABASE_URL) must be a postgresql:// connection URL");
  }
  const dataDir = blankToUndefined(values["data-dir"] as string | undefined) ?? blankToUndefined(env.EMULATOR_DATA_DIR);
  if (databaseUrl && values["data-dir"]) throw new OptionsError("--data-dir and --database-url exclude each other");
  const host = blankToUndefined(values.host as string | undefined) ?? blankToUndefined(env.HOST) ?? "127.0.0.1";
  const clientId = blankToUndefined(env.EMULATOR_CLIENT_ID);
  const secret = blankToUndefined(env.EMULATOR_SECRET);
  if (Boolean(clientId) !== Boolean(secret)) {
    throw new OptionsError("EMULATOR_CLIENT_ID and EMULATOR_SECRET go together: set both, or neither");
  }
  if (!clientId && !isLoopback(host)) {
    throw new OptionsError(
      `listening on ${host} lets other machines call the emulator: set EMULATOR_CLIENT_ID and EMULATOR_SECRET`,
    );
  }
  const webhookHosts = blankToUndefined(env.EMULATOR_WEBHOOK_HOSTS)
    ?.split(",")
    .map((entry) => entry.trim().toLowerCase())
    .filter(Boolean);
  return {
    port,
    host,
    databaseUrl: databaseUrl ?? null,
    dataDir: dataDir ?? DEFAULT_DATA_DIR,
    credentials: clientId && secret ? { clientId, secret } : null,
    webhookHosts: webhookHosts ?? null,
  };
}

function isLoopback(host: string): boolean {
  return host === "localhost" || host === "::1" || /^127\.\d+\.\d+\.\d+$/.test(host);
}
