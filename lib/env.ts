// Every setting Mingus reads, parsed once with zod. Other modules import `env`; nothing else reads
// process.env. Each program checks it whole at start (instrumentation.ts for `npm start`/`npm run dev`,
// scripts/load-env.ts for the worker and every CLI): a bad value stops it with status 1 and a message
// that names each bad variable and how to fix it. docs/configuration.md is tested against this schema.
import type { CountryCode } from "plaid";
import proxyaddr from "proxy-addr";
import { z } from "zod";
import { EnvError } from "./env-error";
import { TOKEN_KEY_HINT, tokenKeysProblem, vapidKeyProblems } from "./env-formats";

/**
 * The countries Plaid serves (its CountryCode enum's values). Written out rather than read from the
 * enum: a value import of "plaid" here would bundle Plaid's whole API client (about 1 MB minified)
 * into proxy.ts and every route, since every one reads the settings. lib/env.test.ts checks the list
 * against the enum.
 */
export const PLAID_COUNTRY_CODES = [
  "US",
  "GB",
  "ES",
  "NL",
  "FR",
  "IE",
  "CA",
  "DE",
  "IT",
  "PL",
  "DK",
  "NO",
  "SE",
  "EE",
  "LT",
  "LV",
  "PT",
  "BE",
  "AT",
  "FI",
] as const satisfies readonly `${CountryCode}`[];

export { EnvError } from "./env-error";

const SECRET_HINT = "generate one with: openssl rand -base64 32";
const LOG_LEVELS = "fatal, error, warn, info, debug, trace, silent";

const httpUrl = () => z.url({ protocol: /^https?$/, error: "must be an http:// or https:// URL" });
const wholeNumber = (min: number, max: number) =>
  z.coerce
    .number(`must be a whole number from ${min} to ${max}`)
    .int(`must be a whole number from ${min} to ${max}`)
    .min(min, `must be a whole number from ${min} to ${max}`)
    .max(max, `must be a whole number from ${min} to ${max}`);

const optionalString = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .optional();

const schema = z
  .object({
    NODE_ENV: z
      .enum(["development", "production", "test"], "must be development, production or test")
      .default("development"),
    DATABASE_URL: optionalString.pipe(
      z
        .string()
        .regex(/^postgres(ql)?:\/\//, "must be a postgresql:// connection URL")
        .optional(),
    ),
    DATABASE_POOL_SIZE: wholeNumber(1, 100).default(10),
    PGLITE_DATA_DIR: z.string().trim().min(1, "must name a folder (or memory://)").default(".data/pglite"),
    NEXTAUTH_URL: httpUrl().default("http://localhost:3000"),
    // Required with DATABASE_URL (below); on the embedded database one is generated into .data/auth-secret.
    NEXTAUTH_SECRET: optionalString.pipe(
      z.string().min(32, `must be at least 32 characters (${SECRET_HINT})`).optional(),
    ),
    // Reverse proxies in front of Mingus whose X-Forwarded-For is believed: addresses, CIDR ranges or
    // proxy-addr's names (loopback, linklocal, uniquelocal), comma-separated. Unset: none, and the
    // connection's own address is the client's.
    TRUSTED_PROXIES: z
      .string()
      .default("")
      .transform((value) =>
        value
          .split(",")
          .map((entry) => entry.trim())
          .filter(Boolean),
      )
      .superRefine((entries, context) => {
        try {
          proxyaddr.compile(entries);
        } catch (error) {
          context.addIssue({
            code: "custom",
            message: `must be IP addresses, CIDR ranges (10.0.0.0/8) or loopback, linklocal, uniquelocal: ${(error as Error).message}`,
          });
        }
      }),
    // New accounts one address may create per hour (sign-up is throttled so no one can mint accounts,
    // each an argon2 hash, by the thousand).
    SIGN_UP_LIMIT: wholeNumber(1, 100_000).default(10),
    ADMIN_EMAILS: z
      .string()
      .default("")
      .transform((value) =>
        value
          .split(",")
          .map((email) => email.trim().toLowerCase())
          .filter(Boolean),
      )
      .pipe(
        z.array(z.email("must be a comma-separated list of email addresses, e.g. you@example.com,ops@example.com")),
      ),
    // "on": an admin without a second factor sees the admin pages only after setting one up.
    REQUIRE_ADMIN_2FA: optionalString
      .pipe(z.enum(["on", "off"], "must be on or off").optional())
      .transform((value) => value === "on"),
    GITHUB_ID: optionalString,
    GITHUB_SECRET: optionalString,
    GOOGLE_CLIENT_ID: optionalString,
    GOOGLE_CLIENT_SECRET: optionalString,
    // Where people reach the app; Plaid webhooks and the emulator's default address derive from it.
    APP_URL: optionalString.pipe(httpUrl().optional()),
    // The origin browsers open Mingus at for passkeys, when it is not APP_URL's (NEXTAUTH_URL's) origin;
    // its host is the passkeys' domain (lib/auth/passkeys.ts).
    PASSKEY_ORIGIN: optionalString.pipe(httpUrl().optional()),
    // Real Plaid when set (with both keys: all three or none); otherwise the local emulator.
    PLAID_ENV: optionalString.pipe(z.enum(["sandbox", "production"], "must be sandbox or production").optional()),
    PLAID_CLIENT_ID: optionalString,
    PLAID_SECRET: optionalString,
    PLAID_EMULATOR_URL: optionalString.pipe(httpUrl().optional()),
    // Serve the emulator under /api/plaid-emulator: "on" lets a production server do it (a demo),
    // "off" keeps even development from doing it (an emulator elsewhere, at PLAID_EMULATOR_URL).
    PLAID_EMULATOR: optionalString.pipe(z.enum(["on", "off"], "must be on or off").optional()),
    // The one key pair the emulator accepts (INVALID_API_KEYS otherwise), and the app calls it with.
    // Unset in development and tests: a known pair (docs/configuration.md). Required for PLAID_EMULATOR=on
    // in production, where anyone who knew the known pair could otherwise read and change its data.
    PLAID_EMULATOR_CLIENT_ID: optionalString,
    PLAID_EMULATOR_SECRET: optionalString.pipe(
      z.string().min(16, `must be at least 16 characters (${SECRET_HINT})`).optional(),
    ),
    // The hosts the emulator may send webhooks to, comma-separated ("host" or "host:port"); unset,
    // the app's own (APP_URL, else NEXTAUTH_URL). Any other webhook URL is refused with INVALID_FIELD.
    PLAID_EMULATOR_WEBHOOK_HOSTS: optionalString.transform((value) =>
      value
        ?.split(",")
        .map((host) => host.trim().toLowerCase())
        .filter(Boolean),
    ),
    // Plaid's /transactions/refresh (a paid add-on): "on" makes Sync now ask the bank for new
    // transactions first, at most once per connection per 30 minutes.
    PLAID_TRANSACTIONS_REFRESH: optionalString
      .pipe(z.enum(["on", "off"], "must be on or off").optional())
      .transform((value) => value === "on"),
    // Where OAuth banks send people back to (register it in Plaid's dashboard); `${APP_URL}/oauth-return` unset.
    PLAID_REDIRECT_URI: optionalString.pipe(httpUrl().optional()),
    // The countries Link offers banks of: Plaid's country codes, comma-separated.
    PLAID_COUNTRY_CODES: z
      .string()
      .trim()
      .default("US")
      .transform((value) =>
        value
          .split(",")
          .map((code) => code.trim().toUpperCase())
          .filter(Boolean),
      )
      .pipe(
        z
          .array(
            z
              .enum(PLAID_COUNTRY_CODES, { error: `must be Plaid country codes (${PLAID_COUNTRY_CODES.join(", ")})` })
              .transform((code) => code as CountryCode),
          )
          .min(1, "must name at least one country"),
      ),
    // Keys that seal Plaid access tokens: `kid:base64key` pairs, comma-separated, the first seals
    // (lib/env-formats.ts). Required with DATABASE_URL (below); the embedded database generates one.
    TOKEN_ENCRYPTION_KEY: optionalString.superRefine((value, context) => {
      const problem = value === undefined ? null : tokenKeysProblem(value);
      if (problem) context.addIssue({ code: "custom", message: problem });
    }),
    // Syncs one worker process runs at once (`npm run worker`; the embedded web server runs at most 2).
    WORKER_CONCURRENCY: wholeNumber(1, 32).default(2),
    // On PostgreSQL the web server only sends sync jobs to `npm run worker`; "1" makes it run them too.
    MINGUS_WEB_WORKERS: z
      .enum(["", "0", "1", "false", "true"], "must be 1 or 0")
      .default("0")
      .transform((value) => value === "1" || value === "true"),
    // Prometheus metrics at /api/metrics, for requests carrying `Authorization: Bearer <token>`; unset,
    // the endpoint answers 404. Long enough that it cannot be guessed.
    METRICS_TOKEN: optionalString.pipe(
      z
        .string()
        .min(32, "must be at least 32 characters (openssl rand -hex 32)")
        .regex(/^[\x21-\x7e]+$/, "must be printable ASCII without spaces (it travels in an HTTP header)")
        .optional(),
    ),
    // `npm run worker` serves its own process metrics on this port (same bearer token); unset, it does not.
    WORKER_METRICS_PORT: optionalString.pipe(
      z
        .string()
        .regex(/^[0-9]{1,5}$/, "must be a port number (1-65535)")
        .transform(Number)
        .pipe(z.number().min(1, "must be a port number (1-65535)").max(65535, "must be a port number (1-65535)"))
        .optional(),
    ),
    // Email alerts: an SMTP server (smtp://user:pass@host:587, smtps://… for TLS). Without one, every
    // message is written to MAIL_OUTBOX_DIR as an .eml file instead.
    SMTP_URL: optionalString.pipe(
      z.url({ protocol: /^smtps?$/, error: "must be an smtp:// or smtps:// URL" }).optional(),
    ),
    MAIL_FROM: z
      .string()
      .trim()
      .min(3, 'must be a sender such as "Mingus <alerts@example.com>"')
      .default("Mingus <alerts@mingus.local>"),
    MAIL_OUTBOX_DIR: z.string().trim().min(1, "must name a folder").default(".data/outbox"),
    // Web Push: a VAPID key pair (`npx web-push generate-vapid-keys`) and a contact (mailto: or https:);
    // all three or none, and the two keys of one pair (checked below).
    VAPID_PUBLIC_KEY: optionalString,
    VAPID_PRIVATE_KEY: optionalString,
    VAPID_SUBJECT: optionalString.pipe(
      z
        .string()
        .regex(/^(mailto:|https:\/\/)/, "must start with mailto: or https://")
        .optional(),
    ),
    // SMS through Twilio's Messages API; TWILIO_API_URL points it elsewhere (a test server, a proxy).
    TWILIO_ACCOUNT_SID: optionalString,
    TWILIO_AUTH_TOKEN: optionalString,
    TWILIO_FROM_NUMBER: optionalString.pipe(
      z
        .string()
        .regex(/^\+[1-9][0-9]{6,14}$/, "must be an E.164 number such as +15005550006")
        .optional(),
    ),
    TWILIO_API_URL: httpUrl().default("https://api.twilio.com"),
    // Daily reference exchange rates in the ECB's format (eurofxref-daily.xml, or eurofxref-hist.xml
    // for the history): fetched by a daily job; unset, totals stay per currency.
    FX_RATES_URL: optionalString.pipe(httpUrl().optional()),
    // How much the logs say (lib/log): unset, info (silent under tests).
    LOG_LEVEL: optionalString.pipe(
      z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"], `must be one of ${LOG_LEVELS}`).optional(),
    ),
    // The logs' form (lib/log): unset, readable lines in development and JSON lines otherwise.
    LOG_FORMAT: optionalString.pipe(z.enum(["json", "pretty"], "must be json or pretty").optional()),
  })
  .superRefine((value, context) => {
    // All or none: half a feature's settings is a mistake, not a choice.
    const groups = [
      ["PLAID_ENV", "PLAID_CLIENT_ID", "PLAID_SECRET"],
      ["PLAID_EMULATOR_CLIENT_ID", "PLAID_EMULATOR_SECRET"],
      ["GITHUB_ID", "GITHUB_SECRET"],
      ["GOOGLE_CLIENT_ID", "GOOGLE_CLIENT_SECRET"],
      ["VAPID_PUBLIC_KEY", "VAPID_PRIVATE_KEY", "VAPID_SUBJECT"],
      ["TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN", "TWILIO_FROM_NUMBER"],
    ] as const;
    for (const group of groups) {
      if (!group.some((name) => value[name])) continue;
      for (const name of group) {
        if (!value[name]) {
          context.addIssue({
            code: "custom",
            path: [name],
            message: `is required with ${group.filter((n) => n !== name && value[n]).join(" and ")} (set all of ${group.join(", ")}, or none)`,
          });
        }
      }
    }
    // Each sync slot holds a pooled connection while it writes, and the heartbeat and the sweep need one
    // too: a pool smaller than that makes beats wait, and live workers look dead.
    // (Only between two valid numbers: zod runs this even when a field failed, with its raw value.)
    const valid = (n: unknown, max: number) => Number.isInteger(n) && (n as number) >= 1 && (n as number) <= max;
    if (
      value.DATABASE_URL &&
      valid(value.DATABASE_POOL_SIZE, 100) &&
      valid(value.WORKER_CONCURRENCY, 32) &&
      value.DATABASE_POOL_SIZE < value.WORKER_CONCURRENCY + 2
    ) {
      context.addIssue({
        code: "custom",
        path: ["DATABASE_POOL_SIZE"],
        message: `must be at least WORKER_CONCURRENCY + 2 (${value.WORKER_CONCURRENCY + 2}): each sync slot holds a connection, and the heartbeat and the sweep need their own`,
      });
    }
    if (value.WORKER_METRICS_PORT !== undefined && !value.METRICS_TOKEN) {
      context.addIssue({
        code: "custom",
        path: ["WORKER_METRICS_PORT"],
        message: "needs METRICS_TOKEN: a worker serves its metrics only to requests carrying that token",
      });
    }
    if (value.VAPID_PUBLIC_KEY && value.VAPID_PRIVATE_KEY) {
      for (const problem of vapidKeyProblems({
        publicKey: value.VAPID_PUBLIC_KEY,
        privateKey: value.VAPID_PRIVATE_KEY,
      }))
        context.addIssue({ code: "custom", path: [problem.variable], message: problem.message });
    }
    // Several processes share one database: each must sign sessions and seal tokens with the same keys,
    // so neither can be generated per process.
    if (value.DATABASE_URL) {
      if (!value.NEXTAUTH_SECRET) {
        context.addIssue({
          code: "custom",
          path: ["NEXTAUTH_SECRET"],
          message: `is required when DATABASE_URL is set (every process must sign sessions with the same key; ${SECRET_HINT})`,
        });
      }
      if (!value.TOKEN_ENCRYPTION_KEY) {
        context.addIssue({
          code: "custom",
          path: ["TOKEN_ENCRYPTION_KEY"],
          message: `is required when DATABASE_URL is set (every process must seal access tokens with the same key). ${TOKEN_KEY_HINT}`,
        });
      }
    }
    // A production server that serves the emulator is reachable by others: the known development pair
    // would open it to anyone.
    // (With one of the two set, the all-or-none rule above names the other.)
    const emulatorServed = value.NODE_ENV === "production" && value.PLAID_EMULATOR === "on" && !value.PLAID_ENV;
    if (emulatorServed && !value.PLAID_EMULATOR_CLIENT_ID && !value.PLAID_EMULATOR_SECRET) {
      for (const name of ["PLAID_EMULATOR_CLIENT_ID", "PLAID_EMULATOR_SECRET"] as const) {
        context.addIssue({
          code: "custom",
          path: [name],
          message: `is required with PLAID_EMULATOR=on in production (the emulator accepts only its own key pair; ${SECRET_HINT})`,
        });
      }
    }
    // Emulated Plaid that this server does not serve must be served somewhere else.
    if (!value.PLAID_ENV && value.PLAID_EMULATOR === "off" && !value.PLAID_EMULATOR_URL) {
      context.addIssue({
        code: "custom",
        path: ["PLAID_EMULATOR_URL"],
        message: "is required with PLAID_EMULATOR=off (where the emulator is), unless PLAID_ENV is set",
      });
    }
  });

/** The schema itself, for tests that hold docs/configuration.md to it. */
export const envSchema = schema;

export type Env = z.infer<typeof schema>;

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = schema.safeParse(source);
  if (result.success) return result.data;
  throw new EnvError(
    result.error.issues.map((issue) => ({
      variable: String(issue.path[0] ?? "environment"),
      message: issue.message,
    })),
  );
}

export const env: Env = parseEnv(process.env);
