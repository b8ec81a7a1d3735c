-- The audit log (docs/security.md, Audit log): what happened to an account and who did it. user_id is
-- the account the event is about (a person sees their own; it goes with the account), actor_id who did
-- it when that is someone else (an admin; kept as null once they are gone). A failed sign-in for an
-- address no account has keeps no address: people type passwords into the email field.
CREATE TABLE "audit_events" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "user_id" UUID,
    "actor_id" UUID,
    "action" TEXT NOT NULL,
    "ip_address" TEXT,
    "user_agent" TEXT,
    "detail" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_events_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "chk_audit_events_action" CHECK ("action" IN (
        'sign_in', 'sign_in_failed', 'sign_out', 'password_changed', 'password_reset', 'email_confirmed',
        'email_changed', 'sessions_ended', 'bank_linked', 'bank_unlinked', 'data_exported', 'admin_granted',
        'admin_revoked', 'admin_connection_action'))
);

CREATE INDEX "idx_audit_events_user_created" ON "audit_events"("user_id", "created_at" DESC);
CREATE INDEX "idx_audit_events_created" ON "audit_events"("created_at" DESC);
CREATE INDEX "idx_audit_events_action_created" ON "audit_events"("action", "created_at" DESC);
-- Deleting an admin nulls their actor_id on every row they are named in.
CREATE INDEX "idx_audit_events_actor" ON "audit_events"("actor_id");

ALTER TABLE "audit_events" ADD CONSTRAINT "fk_audit_events_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "audit_events" ADD CONSTRAINT "fk_audit_events_actor" FOREIGN KEY ("actor_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
