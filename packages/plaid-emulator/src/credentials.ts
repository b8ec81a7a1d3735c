// Plaid's sandbox logins: user_good / pass_good links; user_transactions_dynamic / pass_good links an
// item whose /transactions/refresh brings new pending transactions; a password `error_<CODE>` fails
// with that Plaid error (an unknown code, or any other wrong password, is INVALID_CREDENTIALS).
import { PlaidErrorType } from "plaid";
import { ERROR_CATALOG, isCatalogCode } from "./error-catalog.ts";
import { EmulatorError } from "./errors.ts";

export const SANDBOX_PASSWORD = "pass_good";
export const DYNAMIC_TRANSACTIONS_USER = "user_transactions_dynamic";
export const SANDBOX_USERNAMES = ["user_good", DYNAMIC_TRANSACTIONS_USER] as const;

// Only errors a login can produce; `error_INVALID_BODY` and the like are just wrong passwords.
const LOGIN_ERROR_TYPES: PlaidErrorType[] = [
  PlaidErrorType.ItemError,
  PlaidErrorType.InstitutionError,
  PlaidErrorType.ApiError,
  PlaidErrorType.RateLimitExceeded,
];

/** Throws the Plaid error the sandbox answers for these credentials; returns when they link. */
export function checkSandboxCredentials({ username, password }: { username: string; password: string }): void {
  if (password.startsWith("error_")) {
    const code = password.slice("error_".length);
    if (isCatalogCode(code) && LOGIN_ERROR_TYPES.includes(ERROR_CATALOG[code].type)) throw new EmulatorError(code);
    throw new EmulatorError("INVALID_CREDENTIALS");
  }
  const known = (SANDBOX_USERNAMES as readonly string[]).includes(username);
  if (!known || password !== SANDBOX_PASSWORD) throw new EmulatorError("INVALID_CREDENTIALS");
}

export function isDynamicTransactionsUser(username: string): boolean {
  return username === DYNAMIC_TRANSACTIONS_USER;
}
