// The closed vocabularies of the schema, as TypeScript unions and zod enums. Each list mirrors a CHECK
// constraint of the SQL migration; vocabulary.db.test.ts compares them with the migrated database.
import { z } from "zod";

export const ACCOUNT_TYPES = ["depository", "credit", "loan", "investment", "other"] as const;
export const ACCOUNT_STATUSES = ["active", "pending_verification", "verified", "suspended", "error", "closed"] as const;
export const VERIFICATION_STATUSES = ["pending", "verified", "failed"] as const;
export const SYNC_TYPES = ["initial", "incremental", "full", "manual", "scheduled"] as const;
export const SYNC_STATUSES = ["pending", "in_progress", "success", "failed", "partial", "cancelled"] as const;
export const BALANCE_TYPES = [
  "current",
  "available",
  "pending",
  "overdraft",
  "credit_limit",
  "payment_due",
  "last_payment",
] as const;
export const BALANCE_SOURCES = ["plaid", "manual", "calculated"] as const;
export const SYNC_FREQUENCIES = ["real_time", "hourly", "daily", "weekly", "manual"] as const;
export const NOTIFICATION_FREQUENCIES = ["immediate", "hourly", "daily", "weekly"] as const;
export const TIME_FORMATS = ["12h", "24h"] as const;
export const ALERT_STATES = ["above", "below", "seen", "active", "clear"] as const;
/** The channels a message is sent on; in-app is the notification row itself. */
export const DELIVERY_CHANNELS = ["email", "push", "sms"] as const;
export const MESSAGE_STATUSES = ["pending", "sending", "sent", "failed", "cancelled"] as const;
export const ATTEMPT_OUTCOMES = ["sent", "failed", "rejected", "skipped"] as const;
/** Plaid's institution status (/institutions/get_by_id include_status), as item health stores it. */
export const INSTITUTION_STATUSES = ["HEALTHY", "DEGRADED", "DOWN"] as const;
export type InstitutionStatus = (typeof INSTITUTION_STATUSES)[number];
/** What a mailed single-use link is for (user_tokens.purpose). */
export const USER_TOKEN_PURPOSES = ["password_reset", "email_verification", "email_change"] as const;
export type UserTokenPurpose = (typeof USER_TOKEN_PURPOSES)[number];

/** What an audit_events row records (chk_audit_events_action). */
export const AUDIT_ACTIONS = [
  "sign_in",
  "sign_in_failed",
  "sign_out",
  "password_changed",
  "password_reset",
  "email_confirmed",
  "email_changed",
  "sessions_ended",
  "bank_linked",
  "bank_unlinked",
  "data_exported",
  "admin_granted",
  "admin_revoked",
  "admin_connection_action",
  "two_factor_enabled",
  "two_factor_disabled",
  "two_factor_passed",
  "two_factor_failed",
  "recovery_codes_created",
  "recovery_code_used",
  "passkey_added",
  "passkey_removed",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** A sync in one of these states has finished and is never completed again. */
export const TERMINAL_SYNC_STATUSES = ["success", "failed", "partial", "cancelled"] as const;

export type AccountType = (typeof ACCOUNT_TYPES)[number];
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];
export type VerificationStatus = (typeof VERIFICATION_STATUSES)[number];
export type SyncType = (typeof SYNC_TYPES)[number];
export type SyncStatus = (typeof SYNC_STATUSES)[number];
export type TerminalSyncStatus = (typeof TERMINAL_SYNC_STATUSES)[number];
export type BalanceType = (typeof BALANCE_TYPES)[number];
export type BalanceSource = (typeof BALANCE_SOURCES)[number];
export type SyncFrequency = (typeof SYNC_FREQUENCIES)[number];
export type NotificationFrequency = (typeof NOTIFICATION_FREQUENCIES)[number];
export type TimeFormat = (typeof TIME_FORMATS)[number];
export type AlertStateValue = (typeof ALERT_STATES)[number];
export type DeliveryChannel = (typeof DELIVERY_CHANNELS)[number];
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];
export type AttemptOutcome = (typeof ATTEMPT_OUTCOMES)[number];

export const accountTypeSchema = z.enum(ACCOUNT_TYPES);
export const accountStatusSchema = z.enum(ACCOUNT_STATUSES);
export const verificationStatusSchema = z.enum(VERIFICATION_STATUSES);
export const syncTypeSchema = z.enum(SYNC_TYPES);
export const syncStatusSchema = z.enum(SYNC_STATUSES);
export const terminalSyncStatusSchema = z.enum(TERMINAL_SYNC_STATUSES);
export const balanceTypeSchema = z.enum(BALANCE_TYPES);
export const balanceSourceSchema = z.enum(BALANCE_SOURCES);
export const syncFrequencySchema = z.enum(SYNC_FREQUENCIES);
export const notificationFrequencySchema = z.enum(NOTIFICATION_FREQUENCIES);
export const timeFormatSchema = z.enum(TIME_FORMATS);

export function isTerminalSyncStatus(status: string): status is TerminalSyncStatus {
  return (TERMINAL_SYNC_STATUSES as readonly string[]).includes(status);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Every id is a UUID; checking first turns a malformed id into "not found" instead of a SQL error. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
