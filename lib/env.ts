// Every setting Mingus reads, parsed once with zod. Other modules import `env`; nothing else reads
// process.env, so a bad value fails at start with a message that names the variable.
import { CountryCode } from "plaid";
import { z } from "zod";

const optionalString = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .optional();

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_URL: optionalString.pipe(
      z
        .string()
        .regex(/^postgres(ql)?:\/\//, "must be a postgresql:// connection URL")
        .optional(),
    ),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
    PGLITE_DATA_DIR: z.string().trim().min(1).default(".data/pglite"),
    NEXTAUTH_URL: z.url({ protocol: /^https?$/ }).default("http://localhost:3000"),
    NEXTAUTH_SECRET: optionalString.pipe(z.string().min(32, "must be at least 32 characters").optional()),
    ADMIN_EMAILS: z
      .string()
      .default("")
      .transform((value) =>
        value
          .split(",")
          .map((email) => email.trim().toLowerCase())
          .filter(Boolean),
      )
      .pipe(z.array(z.email("must be a comma-separated list of email addresses"))),
    GITHUB_ID: optionalString,
    GITHUB_SECRET: optionalString,
    GOOGLE_CLIENT_ID: optionalString,
    GOOGLE_CLIENT_SECRET: optionalString,
    // Where people reach the app; Plaid webhooks and the emulator's default address derive from it.
    APP_URL: optionalString.pipe(z.url({ protocol: /^https?$/ }).optional()),
    // Real Plaid when set (with both keys); otherwise the local emulator.
    PLAID_ENV: optionalString.pipe(z.enum(["sandbox", "production"]).optional()),
    PLAID_CLIENT_ID: optionalString,
    PLAID_SECRET: optionalString,
    PLAID_EMULATOR_URL: optionalString.pipe(z.url({ protocol: /^https?$/ }).optional()),
    // Serve the emulator under /api/plaid-emulator: "on" lets a production server do it (a demo),
    // "off" keeps even development from doing it (an emulator elsewhere, at PLAID_EMULATOR_URL).
    PLAID_EMULATOR: optionalString.pipe(z.enum(["on", "off"], "must be on or off").optional()),
    // Plaid's /transactions/refresh (a paid add-on): "on" makes Sync now ask the bank for new
    // transactions first, at most once per connection per 30 minutes.
    PLAID_TRANSACTIONS_REFRESH: optionalString
      .pipe(z.enum(["on", "off"], "must be on or off").optional())
      .transform((value) => value === "on"),
    // Where OAuth banks send people back to (register it in Plaid's dashboard); `${APP_URL}/oauth-return` unset.
    PLAID_REDIRECT_URI: optionalString.pipe(z.url({ protocol: /^https?$/ }).optional()),
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
            z.enum(CountryCode, { error: `must be Plaid country codes (${Object.values(CountryCode).join(", ")})` }),
          )
          .min(1, "must name at least one country"),
      ),
    // Keys that seal Plaid access tokens: `kid:base64key` pairs, comma-separated, the first seals.
    TOKEN_ENCRYPTION_KEY: optionalString,
    // Syncs one worker process runs at once (`npm run worker`; the embedded web server runs at most 2).
    WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(32).default(2),
    // On PostgreSQL the web server only sends sync jobs to `npm run worker`; "1" makes it run them too.
    MINGUS_WEB_WORKERS: z
      .enum(["", "0", "1", "false", "true"], "must be 1 or 0")
      .default("")
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
    MAIL_FROM: z.string().trim().min(3).default("Mingus <alerts@mingus.local>"),
    MAIL_OUTBOX_DIR: z.string().trim().min(1).default(".data/outbox"),
    // Web Push: a VAPID key pair (`npx web-push generate-vapid-keys`) and a contact (mailto: or https:).
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
    TWILIO_API_URL: z.url({ protocol: /^https?$/ }).default("https://api.twilio.com"),
    // Daily reference exchange rates in the ECB's format (eurofxref-daily.xml, or eurofxref-hist.xml
    // for the history): fetched by a daily job; unset, totals stay per currency.
    FX_RATES_URL: optionalString.pipe(z.url({ protocol: /^https?$/, error: "must be an http(s):// URL" }).optional()),
  })
  .superRefine((value, context) => {
    const groups = [
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
            message: `is required with ${group.filter((n) => n !== name).join(" and ")}`,
          });
        }
      }
    }
    if (value.WORKER_METRICS_PORT !== undefined && !value.METRICS_TOKEN) {
      context.addIssue({
        code: "custom",
        path: ["WORKER_METRICS_PORT"],
        message: "needs METRICS_TOKEN: a worker serves its metrics only to requests carrying that token",
      });
    }
    if (!value.PLAID_ENV) {
      // Emulated Plaid that this server does not serve must be served somewhere else.
      if (value.PLAID_EMULATOR === "off" && !value.PLAID_EMULATOR_URL) {
        context.addIssue({
          code: "custom",
          path: ["PLAID_EMULATOR_URL"],
          message: "is required with PLAID_EMULATOR=off (where the emulator is), unless PLAID_ENV is set",
        });
      }
      return;
    }
    for (const name of ["PLAID_CLIENT_ID", "PLAID_SECRET"] as const) {
      if (!value[name])
        context.addIssue({ code: "custom", path: [name], message: `is required when PLAID_ENV is set` });
    }
  });

export type Env = z.infer<typeof schema>;

export class EnvError extends Error {
  constructor(readonly issues: { variable: string; message: string }[]) {
    super(
      `Invalid environment configuration:\n${issues
        .map((issue) => `  ${issue.variable}: ${issue.message}`)
        .join("\n")}\nSee .env.example for every setting.`,
    );
    this.name = "EnvError";
  }
}

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
