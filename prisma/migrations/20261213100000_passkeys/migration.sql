-- Passkeys (docs/security.md, Passkeys): WebAuthn credentials that sign a person in without a password,
-- or stand in for the authenticator app's code. Only public keys are kept; nothing here is secret.
CREATE TABLE "passkeys" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "user_id" UUID NOT NULL,
    "credential_id" TEXT NOT NULL,
    "public_key" BYTEA NOT NULL,
    "counter" BIGINT NOT NULL DEFAULT 0,
    "transports" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[],
    "backed_up" BOOLEAN NOT NULL DEFAULT false,
    "name" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" TIMESTAMPTZ(6),

    CONSTRAINT "passkeys_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "chk_passkeys_name" CHECK (char_length("name") BETWEEN 1 AND 64),
    CONSTRAINT "chk_passkeys_counter" CHECK ("counter" >= 0)
);

CREATE UNIQUE INDEX "uq_passkeys_credential_id" ON "passkeys"("credential_id");
CREATE INDEX "idx_passkeys_user" ON "passkeys"("user_id");

-- The challenge of one passkey ceremony, used once and within 5 minutes. A sign-in's is tied to the
-- browser by a cookie naming its id; adding a passkey or giving one as a second factor, to the session.
CREATE TABLE "passkey_challenges" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "purpose" TEXT NOT NULL,
    "challenge" TEXT NOT NULL,
    "session_id" UUID,
    "name" TEXT,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "passkey_challenges_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "chk_passkey_challenges_purpose" CHECK ("purpose" IN ('register', 'sign_in', 'second_factor')),
    CONSTRAINT "chk_passkey_challenges_session" CHECK (("purpose" = 'sign_in') = ("session_id" IS NULL))
);

CREATE INDEX "idx_passkey_challenges_expires" ON "passkey_challenges"("expires_at");

ALTER TABLE "passkeys" ADD CONSTRAINT "fk_passkeys_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "passkey_challenges" ADD CONSTRAINT "fk_passkey_challenges_session" FOREIGN KEY ("session_id") REFERENCES "user_sessions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The audit log learns passkeys.
ALTER TABLE "audit_events" DROP CONSTRAINT "chk_audit_events_action";
ALTER TABLE "audit_events" ADD CONSTRAINT "chk_audit_events_action" CHECK ("action" IN (
    'sign_in', 'sign_in_failed', 'sign_out', 'password_changed', 'password_reset', 'email_confirmed',
    'email_changed', 'sessions_ended', 'bank_linked', 'bank_unlinked', 'data_exported', 'admin_granted',
    'admin_revoked', 'admin_connection_action', 'two_factor_enabled', 'two_factor_disabled',
    'two_factor_passed', 'two_factor_failed', 'recovery_codes_created', 'recovery_code_used',
    'passkey_added', 'passkey_removed'));
