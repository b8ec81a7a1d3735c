// The one error type the domain throws: a stable code that callers branch on, an HTTP status, and a
// message safe to show a person. Database and Plaid internals go to the log, never into `message`.

const ERRORS = {
  "validation:invalid_amount": { status: 400 },
  "validation:invalid_date": { status: 400 },
  "balance:invalid_type": { status: 400 },
  "balance:currency_mismatch": { status: 422 },
  "balance:account_not_found": { status: 404 },
  "connection:not_found": { status: 404 },
  "account:not_found": { status: 404 },
  // Manual accounts and statement import (issue items 5 and 6).
  "account:not_manual": { status: 409 },
  "import:invalid_file": { status: 400 },
  "import:too_large": { status: 413 },
  "sync:not_found": { status: 404 },
  "notification:not_found": { status: 404 },
  "sync:invalid_completion": { status: 422 },
  "sync:already_completed": { status: 409 },
  // Plaid (issue 3). A Plaid error keeps Plaid's own code in `cause`; the message is Plaid's
  // display_message when it has one, never the raw request or token.
  "plaid:error": { status: 502 },
  "plaid:item_login_required": { status: 409 },
  "plaid:duplicate_connection": { status: 409 },
  "plaid:invalid_public_token": { status: 400 },
  "token:key_missing": { status: 500 },
  "token:undecryptable": { status: 500 },
  "webhook:unverified": { status: 401 },
  // Passwords (lib/auth/passwords.ts): a wrong current password, a reset link used, expired or unknown.
  "auth:wrong_password": { status: 400 },
  "auth:link_invalid": { status: 410 },
  "auth:email_taken": { status: 409 },
  "auth:wrong_code": { status: 400 },
  "auth:two_factor_on": { status: 409 },
  "auth:no_setup": { status: 409 },
  "auth:no_two_factor": { status: 409 },
  "auth:second_factor_required": { status: 403 },
  "auth:passkeys_unavailable": { status: 409 },
  "auth:sign_in_again": { status: 403 },
  "auth:passkey_refused": { status: 401 },
  "auth:passkey_exists": { status: 409 },
  "auth:passkey_limit": { status: 409 },
  "auth:no_passkey": { status: 404 },
  // Exchange rates (lib/fx): a file that is not the ECB's format, or a source that did not answer.
  "fx:malformed_rates": { status: 422 },
  "fx:unavailable": { status: 502 },
} as const satisfies Record<string, { status: number }>;

export type ErrorCode = keyof typeof ERRORS;

export class AppError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "AppError";
    this.status = ERRORS[code].status;
  }
}

export function isAppError(error: unknown, code?: ErrorCode): error is AppError {
  return error instanceof AppError && (code === undefined || error.code === code);
}
