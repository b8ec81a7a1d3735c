-- Two-factor sign-in (docs/security.md, Two-factor sign-in): an authenticator app with recovery codes.
-- A session of someone with a second factor opens nothing but /two-factor until it is given.
ALTER TABLE "user_sessions" ADD COLUMN "second_factor_pending" BOOLEAN NOT NULL DEFAULT false;

-- The TOTP secret, sealed with TOKEN_ENCRYPTION_KEY's current key; confirmed_at null while being set up,
-- by the session setup_session_id names (only it is shown the secret, for 10 minutes).
CREATE TABLE "user_totp" (
    "user_id" UUID NOT NULL,
    "secret" TEXT NOT NULL,
    "key_id" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "confirmed_at" TIMESTAMPTZ(6),
    "last_used_step" BIGINT,
    "setup_session_id" UUID,

    CONSTRAINT "user_totp_pkey" PRIMARY KEY ("user_id")
);

-- Single-use recovery codes: only their SHA-256.
CREATE TABLE "recovery_codes" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "user_id" UUID NOT NULL,
    "code_hash" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "used_at" TIMESTAMPTZ(6),

    CONSTRAINT "recovery_codes_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "uq_recovery_codes_code_hash" ON "recovery_codes"("code_hash");
CREATE INDEX "idx_recovery_codes_user" ON "recovery_codes"("user_id");

ALTER TABLE "user_totp" ADD CONSTRAINT "fk_user_totp_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "recovery_codes" ADD CONSTRAINT "fk_recovery_codes_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The audit log learns the second factor's events.
ALTER TABLE "audit_events" DROP CONSTRAINT "chk_audit_events_action";
ALTER TABLE "audit_events" ADD CONSTRAINT "chk_audit_events_action" CHECK ("action" IN (
    'sign_in', 'sign_in_failed', 'sign_out', 'password_changed', 'password_reset', 'email_confirmed',
    'email_changed', 'sessions_ended', 'bank_linked', 'bank_unlinked', 'data_exported', 'admin_granted',
    'admin_revoked', 'admin_connection_action', 'two_factor_enabled', 'two_factor_disabled',
    'two_factor_passed', 'two_factor_failed', 'recovery_codes_created', 'recovery_code_used'));
