// The audit log's entries in words: what happened, for the person's own list (Settings → Security)
// and the admins' (/admin/audit). Only known details are read, and each as the type it should be.
import type { AuditEntry } from "@/lib/audit";
import type { AuditAction } from "@/lib/db/vocabulary";

export const AUDIT_ACTION_LABELS: Record<AuditAction, string> = {
  sign_in: "Signed in",
  sign_in_failed: "Failed sign-in",
  sign_out: "Signed out",
  password_changed: "Password changed",
  password_reset: "Password reset",
  email_confirmed: "Email address confirmed",
  email_changed: "Email address changed",
  sessions_ended: "Sessions ended",
  bank_linked: "Bank linked",
  bank_unlinked: "Bank unlinked",
  data_exported: "Data exported",
  admin_granted: "Admin granted",
  admin_revoked: "Admin taken back",
  admin_connection_action: "Admin action on a connection",
  two_factor_enabled: "Two-factor sign-in turned on",
  two_factor_disabled: "Two-factor sign-in turned off",
  two_factor_passed: "Two-factor code accepted",
  two_factor_failed: "Wrong two-factor code",
  recovery_codes_created: "New recovery codes",
  recovery_code_used: "Recovery code used",
  passkey_added: "Passkey added",
  passkey_removed: "Passkey removed",
};

const METHODS: Record<string, string> = {
  credentials: "with a password",
  github: "with GitHub",
  google: "with Google",
  passkey: "with a passkey",
};
const ADMIN_ACTIONS: Record<string, string> = {
  retry_sync: "retried a sync of",
  pause: "paused syncing of",
  resume: "resumed syncing of",
  check_health: "checked the connection to",
};
const EXPORTS: Record<string, string> = {
  transactions_csv: "Downloaded an account's transactions (CSV)",
  balances_csv: "Downloaded an account's balance history (CSV)",
  everything: "Exported all your data (zip)",
};

const CODE_PURPOSES: Record<string, string> = {
  sign_in: "to sign in",
  disable: "to turn off two-factor sign-in",
  new_codes: "to make new recovery codes",
  delete_account: "to delete the account",
  add_passkey: "to add a passkey",
};

const text = (value: unknown): string | null => (typeof value === "string" && value !== "" ? value : null);
const count = (value: unknown): number | null => (typeof value === "number" && Number.isFinite(value) ? value : null);
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** One line saying what happened, e.g. "Signed in with a password", "Linked Platypus Bank". */
export function describeAuditEntry(entry: AuditEntry): string {
  const { detail } = entry;
  switch (entry.action) {
    case "sign_in": {
      const method = METHODS[text(detail.method) ?? ""] ?? "";
      const passkey = detail.method === "passkey" && text(detail.passkey) ? ` “${text(detail.passkey)}”` : "";
      const signedIn = `Signed in ${method}${passkey}`.trim();
      return detail.codeAsked === true ? `${signedIn}; two-factor code asked` : signedIn;
    }
    case "sign_in_failed":
      if (detail.reason === "throttled") return "Sign-in refused: too many attempts";
      return detail.reason === "passkey_rejected"
        ? "Failed sign-in: a passkey was refused"
        : "Failed sign-in: wrong password";
    case "password_changed":
    case "password_reset": {
      const ended = count(detail.sessionsEnded);
      const base = entry.action === "password_changed" ? "Password changed" : "Password reset through an emailed link";
      return ended ? `${base}; ${plural(ended, "session", "sessions")} signed out` : base;
    }
    case "email_confirmed":
      return `Email address ${text(detail.email) ?? ""} confirmed`.replace("  ", " ");
    case "email_changed":
      return `Email address changed from ${text(detail.from) ?? "?"} to ${text(detail.to) ?? "?"}`;
    case "sessions_ended": {
      const ended = count(detail.count) ?? 0;
      if (detail.scope === "all") return "Signed out everywhere";
      if (detail.scope === "others") return `Signed out ${plural(ended, "other session", "other sessions")}`;
      return "Signed out one other session";
    }
    case "bank_linked":
      return `Linked ${text(detail.institution) ?? "a bank"}`;
    case "bank_unlinked":
      return `Unlinked ${text(detail.institution) ?? "a bank"}`;
    case "data_exported":
      return EXPORTS[text(detail.what) ?? ""] ?? "Exported data";
    case "admin_granted":
      return "Made an admin (npm run user:admin)";
    case "admin_revoked":
      return detail.roleLeft === "admin"
        ? "Explicit admin grant taken back; still admin through ADMIN_EMAILS"
        : "Admin role taken back";
    case "admin_connection_action": {
      const what = ADMIN_ACTIONS[text(detail.action) ?? ""] ?? "acted on";
      return `An admin ${what} ${text(detail.institution) ?? "a connection"}`;
    }
    case "two_factor_enabled":
      return "Two-factor sign-in turned on (authenticator app)";
    case "two_factor_passed":
      if (detail.method === "passkey") return `Sign-in finished with the passkey “${text(detail.passkey) ?? "?"}”`;
      return detail.method === "recovery"
        ? "Sign-in finished with a recovery code"
        : "Sign-in finished with a code from the authenticator app";
    case "two_factor_failed":
      return detail.method === "passkey" ? "A passkey was refused" : "Wrong two-factor code";
    case "passkey_added":
      return `Passkey “${text(detail.name) ?? "?"}” added`;
    case "passkey_removed":
      return `Passkey “${text(detail.name) ?? "?"}” removed`;
    case "recovery_code_used": {
      const left = count(detail.left);
      const used = `Recovery code used ${CODE_PURPOSES[text(detail.purpose) ?? ""] ?? ""}`.trim();
      return left === null ? used : `${used}; ${left} left`;
    }
    default:
      return AUDIT_ACTION_LABELS[entry.action] ?? entry.action;
  }
}

/** The page cursor in a URL: the last entry's time and id. */
export function encodeAuditCursor(cursor: { createdAt: Date; id: string }): string {
  return `${cursor.createdAt.toISOString()}_${cursor.id}`;
}

const CURSOR = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)_([0-9a-f-]{36})$/;

/** A cursor from the URL, or undefined for the first page (anything malformed reads as the first page). */
export function decodeAuditCursor(value: string | string[] | undefined): { createdAt: Date; id: string } | undefined {
  const match = typeof value === "string" ? CURSOR.exec(value) : null;
  if (!match?.[1] || !match[2]) return undefined;
  const createdAt = new Date(match[1]);
  return Number.isNaN(createdAt.getTime()) ? undefined : { createdAt, id: match[2] };
}
