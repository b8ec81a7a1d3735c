// What never reaches a log line: the fields pino's `redact` censors wherever a log call puts them (top
// level, or one or two objects down), Plaid token strings inside messages, and the request data an
// error object can drag along (an axios error holds the request's headers and body).
const SECRET_FIELDS = [
  // Plaid's tokens, and where a sealed one lives (plaid_connections.access_token, SealedToken.ciphertext).
  "access_token",
  "accessToken",
  "public_token",
  "publicToken",
  "link_token",
  "linkToken",
  "ciphertext",
  // Secrets and keys, under their own names and as settings.
  "secret",
  "client_secret",
  "clientSecret",
  "PLAID-SECRET",
  "PLAID_SECRET",
  "NEXTAUTH_SECRET",
  "TOKEN_ENCRYPTION_KEY",
  "VAPID_PRIVATE_KEY",
  "TWILIO_AUTH_TOKEN",
  "SMTP_URL",
  "privateKey",
  // People's passwords.
  "password",
  "passwordHash",
  "password_hash",
  // HTTP credentials.
  "authorization",
  "Authorization",
  "cookie",
  "Cookie",
  "set-cookie",
  "Set-Cookie",
];

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const key = (name: string) => (IDENTIFIER.test(name) ? `.${name}` : `["${name}"]`);

/** pino `redact.paths`: each field at the top level and one or two objects down. */
export const REDACT_PATHS = SECRET_FIELDS.flatMap((name) => [
  IDENTIFIER.test(name) ? name : `["${name}"]`,
  `*${key(name)}`,
  `*.*${key(name)}`,
]);

export const REDACTED = "[Redacted]";

// Plaid's token formats (access-sandbox-<uuid>, public-production-…, link-…), as the emulator issues them too.
const PLAID_TOKEN = /\b(?:access|public|link)-(?:sandbox|development|production)-[A-Za-z0-9-]+/g;

/** A message with any Plaid token in it censored. */
export function scrubText(text: string): string {
  return text.replace(PLAID_TOKEN, REDACTED);
}

/** pino's `err` serializer: name, code, message and stack (scrubbed), and the cause; nothing else. */
export function serializeError(error: unknown, depth = 0): unknown {
  if (!(error instanceof Error)) return typeof error === "string" ? scrubText(error) : error;
  const code = (error as { code?: unknown }).code;
  return {
    type: error.name,
    message: scrubText(error.message),
    ...(typeof code === "string" || typeof code === "number" ? { code } : {}),
    ...(error.stack ? { stack: scrubText(error.stack) } : {}),
    ...(error.cause !== undefined && depth < 3 ? { cause: serializeError(error.cause, depth + 1) } : {}),
  };
}
