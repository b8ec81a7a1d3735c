-- Mingus initial schema: the tables of the bank-account data model, then what Prisma's schema language
-- cannot express (CHECK constraints, partial unique indexes, triggers and views).

-- CreateTable
CREATE TABLE "users" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "email" TEXT NOT NULL,
    "name" TEXT,
    "password_hash" TEXT,
    "role" TEXT NOT NULL DEFAULT 'user',
    "email_verified" TIMESTAMPTZ(6),
    "image" TEXT,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "plaid_connections" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "user_id" UUID NOT NULL,
    "access_token" TEXT NOT NULL,
    "item_id" TEXT NOT NULL,
    "institution_id" TEXT NOT NULL,
    "institution_name" TEXT NOT NULL,
    "institution_logo" TEXT,
    "institution_primary_color" TEXT,
    "institution_url" TEXT,
    "is_active" BOOLEAN NOT NULL DEFAULT true,
    "requires_reauth" BOOLEAN NOT NULL DEFAULT false,
    "last_error" TEXT,
    "last_error_at" TIMESTAMPTZ(6),
    "error_count" INTEGER NOT NULL DEFAULT 0,
    "maintenance_until" TIMESTAMPTZ(6),
    "last_sync_at" TIMESTAMPTZ(6),
    "next_sync_at" TIMESTAMPTZ(6),
    "sync_frequency" TEXT NOT NULL DEFAULT 'daily',
    "link_token" TEXT,
    "link_token_expires_at" TIMESTAMPTZ(6),
    "retry_count" INTEGER NOT NULL DEFAULT 0,
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "settings" JSONB NOT NULL DEFAULT '{}',
    "transactions_cursor" TEXT,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "plaid_connections_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "bank_accounts" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "user_id" UUID NOT NULL,
    "plaid_connection_id" UUID NOT NULL,
    "account_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "mask" TEXT,
    "type" TEXT NOT NULL,
    "subtype" TEXT,
    "account_type" TEXT,
    "status" TEXT NOT NULL DEFAULT 'active',
    "verification_status" TEXT NOT NULL DEFAULT 'pending',
    "is_active" BOOLEAN NOT NULL DEFAULT true,
    "current_balance" DECIMAL(15,2),
    "available_balance" DECIMAL(15,2),
    "credit_limit" DECIMAL(15,2),
    "payment_due" DECIMAL(15,2),
    "interest_rate" DOUBLE PRECISION,
    "apr" DOUBLE PRECISION,
    "minimum_balance" DECIMAL(15,2),
    "monthly_fee" DECIMAL(15,2),
    "account_number" TEXT,
    "routing_number" TEXT,
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "tags" JSONB NOT NULL DEFAULT '[]',
    "notes" TEXT,
    "iso_currency_code" TEXT NOT NULL DEFAULT 'USD',
    "last_sync_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "bank_accounts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "transaction_syncs" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "bank_account_id" UUID,
    "plaid_connection_id" UUID NOT NULL,
    "sync_type" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "started_at" TIMESTAMPTZ(6),
    "completed_at" TIMESTAMPTZ(6),
    "duration" DOUBLE PRECISION,
    "records_processed" INTEGER NOT NULL DEFAULT 0,
    "records_failed" INTEGER NOT NULL DEFAULT 0,
    "records_added" INTEGER NOT NULL DEFAULT 0,
    "records_updated" INTEGER NOT NULL DEFAULT 0,
    "records_deleted" INTEGER NOT NULL DEFAULT 0,
    "error_message" TEXT,
    "error_code" TEXT,
    "retry_count" INTEGER NOT NULL DEFAULT 0,
    "retry_after" TIMESTAMPTZ(6),
    "context" JSONB NOT NULL DEFAULT '{}',
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "transaction_syncs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "account_balances" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "bank_account_id" UUID NOT NULL,
    "balance_type" TEXT NOT NULL,
    "amount" DECIMAL(15,2) NOT NULL,
    "currency" TEXT NOT NULL DEFAULT 'USD',
    "as_of_date" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "is_current" BOOLEAN NOT NULL DEFAULT true,
    "source" TEXT NOT NULL DEFAULT 'plaid',
    "previous_amount" DECIMAL(15,2),
    "change_amount" DECIMAL(15,2),
    "change_percentage" DOUBLE PRECISION,
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "account_balances_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "banking_preferences" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "user_id" UUID NOT NULL,
    "bank_account_id" UUID,
    "sync_frequency" TEXT,
    "auto_sync" BOOLEAN,
    "sync_on_login" BOOLEAN,
    "balance_alerts" BOOLEAN,
    "balance_threshold" DECIMAL(15,2),
    "low_balance_alert" BOOLEAN,
    "low_balance_threshold" DECIMAL(15,2),
    "transaction_notifications" BOOLEAN,
    "large_transaction_threshold" DECIMAL(15,2),
    "unusual_activity_alerts" BOOLEAN,
    "email_notifications" BOOLEAN,
    "push_notifications" BOOLEAN,
    "sms_notifications" BOOLEAN,
    "in_app_notifications" BOOLEAN,
    "notification_frequency" TEXT,
    "share_analytics" BOOLEAN,
    "share_aggregated_data" BOOLEAN,
    "allow_marketing_emails" BOOLEAN,
    "default_currency" TEXT,
    "date_format" TEXT,
    "time_format" TEXT,
    "show_balances" BOOLEAN,
    "show_transaction_details" BOOLEAN,
    "account_alias" TEXT,
    "account_color" TEXT,
    "account_icon" TEXT,
    "hide_account" BOOLEAN,
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "banking_preferences_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "transactions" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "bank_account_id" UUID NOT NULL,
    "transaction_id" TEXT NOT NULL,
    "amount" DECIMAL(15,2) NOT NULL,
    "iso_currency_code" TEXT NOT NULL DEFAULT 'USD',
    "date" DATE NOT NULL,
    "authorized_date" DATE,
    "name" TEXT NOT NULL,
    "merchant_name" TEXT,
    "pending" BOOLEAN NOT NULL DEFAULT false,
    "pending_transaction_id" TEXT,
    "category_primary" TEXT,
    "category_detailed" TEXT,
    "payment_channel" TEXT,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "transactions_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "uq_users_email" ON "users"("email");

-- CreateIndex
CREATE UNIQUE INDEX "uq_plaid_connection_item" ON "plaid_connections"("item_id");

-- CreateIndex
CREATE INDEX "idx_plaid_connections_user_id" ON "plaid_connections"("user_id");

-- CreateIndex
CREATE INDEX "idx_plaid_connections_item_id" ON "plaid_connections"("item_id");

-- CreateIndex
CREATE INDEX "idx_plaid_connections_institution_id" ON "plaid_connections"("institution_id");

-- CreateIndex
CREATE INDEX "idx_plaid_connections_is_active" ON "plaid_connections"("is_active");

-- CreateIndex
CREATE INDEX "idx_plaid_connections_last_sync_at" ON "plaid_connections"("last_sync_at");

-- CreateIndex
CREATE INDEX "idx_plaid_connections_next_sync_at" ON "plaid_connections"("next_sync_at");

-- CreateIndex
CREATE UNIQUE INDEX "uq_plaid_connections_id_user" ON "plaid_connections"("id", "user_id");

-- CreateIndex
CREATE INDEX "idx_bank_accounts_user_id" ON "bank_accounts"("user_id");

-- CreateIndex
CREATE INDEX "idx_bank_accounts_plaid_connection_id" ON "bank_accounts"("plaid_connection_id");

-- CreateIndex
CREATE INDEX "idx_bank_accounts_account_id" ON "bank_accounts"("account_id");

-- CreateIndex
CREATE INDEX "idx_bank_accounts_status" ON "bank_accounts"("status");

-- CreateIndex
CREATE INDEX "idx_bank_accounts_type" ON "bank_accounts"("type");

-- CreateIndex
CREATE INDEX "idx_bank_accounts_is_active" ON "bank_accounts"("is_active");

-- CreateIndex
CREATE INDEX "idx_bank_accounts_last_sync_at" ON "bank_accounts"("last_sync_at");

-- CreateIndex
CREATE INDEX "idx_bank_accounts_connection_user" ON "bank_accounts"("plaid_connection_id", "user_id");

-- CreateIndex
CREATE UNIQUE INDEX "uq_bank_account_connection" ON "bank_accounts"("plaid_connection_id", "account_id");

-- CreateIndex
CREATE UNIQUE INDEX "uq_bank_accounts_id_connection" ON "bank_accounts"("id", "plaid_connection_id");

-- CreateIndex
CREATE UNIQUE INDEX "uq_bank_accounts_id_user" ON "bank_accounts"("id", "user_id");

-- CreateIndex
CREATE INDEX "idx_transaction_syncs_bank_account_id" ON "transaction_syncs"("bank_account_id");

-- CreateIndex
CREATE INDEX "idx_transaction_syncs_plaid_connection_id" ON "transaction_syncs"("plaid_connection_id");

-- CreateIndex
CREATE INDEX "idx_transaction_syncs_status" ON "transaction_syncs"("status");

-- CreateIndex
CREATE INDEX "idx_transaction_syncs_started_at" ON "transaction_syncs"("started_at");

-- CreateIndex
CREATE INDEX "idx_transaction_syncs_account_connection" ON "transaction_syncs"("bank_account_id", "plaid_connection_id");

-- CreateIndex
CREATE INDEX "idx_transaction_syncs_connection_started" ON "transaction_syncs"("plaid_connection_id", "started_at" DESC);

-- CreateIndex
CREATE INDEX "idx_account_balances_bank_account_id" ON "account_balances"("bank_account_id");

-- CreateIndex
CREATE INDEX "idx_account_balances_balance_type" ON "account_balances"("balance_type");

-- CreateIndex
CREATE INDEX "idx_account_balances_is_current" ON "account_balances"("is_current");

-- CreateIndex
CREATE INDEX "idx_account_balances_history" ON "account_balances"("bank_account_id", "balance_type", "as_of_date" DESC);

-- CreateIndex
CREATE INDEX "idx_banking_preferences_user_id" ON "banking_preferences"("user_id");

-- CreateIndex
CREATE INDEX "idx_banking_preferences_bank_account_id" ON "banking_preferences"("bank_account_id");

-- CreateIndex
CREATE INDEX "idx_banking_preferences_account_user" ON "banking_preferences"("bank_account_id", "user_id");

-- CreateIndex
CREATE UNIQUE INDEX "uq_banking_preferences_user_account" ON "banking_preferences"("user_id", "bank_account_id");

-- CreateIndex
CREATE UNIQUE INDEX "uq_transactions_transaction_id" ON "transactions"("transaction_id");

-- CreateIndex
CREATE INDEX "idx_transactions_account_date" ON "transactions"("bank_account_id", "date" DESC);

-- CreateIndex
CREATE INDEX "idx_transactions_pending_transaction_id" ON "transactions"("pending_transaction_id");

-- AddForeignKey
ALTER TABLE "plaid_connections" ADD CONSTRAINT "fk_plaid_connections_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "bank_accounts" ADD CONSTRAINT "fk_bank_accounts_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "bank_accounts" ADD CONSTRAINT "fk_bank_accounts_connection" FOREIGN KEY ("plaid_connection_id", "user_id") REFERENCES "plaid_connections"("id", "user_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "transaction_syncs" ADD CONSTRAINT "fk_transaction_syncs_connection" FOREIGN KEY ("plaid_connection_id") REFERENCES "plaid_connections"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "transaction_syncs" ADD CONSTRAINT "fk_transaction_syncs_account" FOREIGN KEY ("bank_account_id", "plaid_connection_id") REFERENCES "bank_accounts"("id", "plaid_connection_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "account_balances" ADD CONSTRAINT "fk_account_balances_account" FOREIGN KEY ("bank_account_id") REFERENCES "bank_accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "banking_preferences" ADD CONSTRAINT "fk_banking_preferences_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "banking_preferences" ADD CONSTRAINT "fk_banking_preferences_account" FOREIGN KEY ("bank_account_id", "user_id") REFERENCES "bank_accounts"("id", "user_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "transactions" ADD CONSTRAINT "fk_transactions_account" FOREIGN KEY ("bank_account_id") REFERENCES "bank_accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------------------------------
-- Beyond Prisma's schema language. Everything below is listed in lib/db/schema-drift.test.ts as
-- SQL-only, so the drift check knows it is intended.
-- ---------------------------------------------------------------------------------------------------

-- Vocabularies and value rules
ALTER TABLE "users"
    ADD CONSTRAINT "chk_users_role" CHECK ("role" IN ('user', 'admin')),
    ADD CONSTRAINT "chk_users_email" CHECK ("email" = lower("email") AND "email" LIKE '%_@_%');

ALTER TABLE "plaid_connections"
    ADD CONSTRAINT "chk_sync_frequency" CHECK ("sync_frequency" IN ('real_time', 'hourly', 'daily', 'weekly', 'manual')),
    ADD CONSTRAINT "chk_plaid_connections_primary_color" CHECK ("institution_primary_color" ~ '^#[0-9A-Fa-f]{6}$'),
    ADD CONSTRAINT "chk_plaid_connections_error_count" CHECK ("error_count" >= 0),
    ADD CONSTRAINT "chk_plaid_connections_retry_count" CHECK ("retry_count" >= 0),
    ADD CONSTRAINT "chk_plaid_connections_metadata" CHECK (jsonb_typeof("metadata") = 'object'),
    ADD CONSTRAINT "chk_plaid_connections_settings" CHECK (jsonb_typeof("settings") = 'object');

ALTER TABLE "bank_accounts"
    ADD CONSTRAINT "chk_account_type" CHECK ("type" IN ('depository', 'credit', 'loan', 'investment', 'other')),
    ADD CONSTRAINT "chk_account_status" CHECK ("status" IN ('active', 'pending_verification', 'verified', 'suspended', 'error', 'closed')),
    ADD CONSTRAINT "chk_verification_status" CHECK ("verification_status" IN ('pending', 'verified', 'failed')),
    ADD CONSTRAINT "chk_bank_accounts_currency" CHECK ("iso_currency_code" ~ '^[A-Z]{3}$'),
    ADD CONSTRAINT "chk_bank_accounts_credit_limit" CHECK ("credit_limit" >= 0),
    ADD CONSTRAINT "chk_bank_accounts_monthly_fee" CHECK ("monthly_fee" >= 0),
    -- Only masked numbers are ever stored: at most the last four characters are digits.
    ADD CONSTRAINT "chk_bank_accounts_account_number_masked" CHECK ("account_number" ~ '^[^0-9]*[0-9]{0,4}$'),
    ADD CONSTRAINT "chk_bank_accounts_routing_number_masked" CHECK ("routing_number" ~ '^[^0-9]*[0-9]{0,4}$'),
    ADD CONSTRAINT "chk_bank_accounts_tags" CHECK (jsonb_typeof("tags") = 'array'),
    ADD CONSTRAINT "chk_bank_accounts_metadata" CHECK (jsonb_typeof("metadata") = 'object');

ALTER TABLE "transaction_syncs"
    ADD CONSTRAINT "chk_sync_type" CHECK ("sync_type" IN ('initial', 'incremental', 'full', 'manual', 'scheduled')),
    ADD CONSTRAINT "chk_sync_status" CHECK ("status" IN ('pending', 'in_progress', 'success', 'failed', 'partial', 'cancelled')),
    ADD CONSTRAINT "chk_transaction_syncs_counts" CHECK (
        "records_processed" >= 0 AND "records_failed" >= 0 AND "records_added" >= 0
        AND "records_updated" >= 0 AND "records_deleted" >= 0 AND "retry_count" >= 0),
    ADD CONSTRAINT "chk_transaction_syncs_duration" CHECK ("duration" >= 0),
    ADD CONSTRAINT "chk_transaction_syncs_times" CHECK ("completed_at" >= "started_at"),
    ADD CONSTRAINT "chk_transaction_syncs_context" CHECK (jsonb_typeof("context") = 'object');

ALTER TABLE "account_balances"
    ADD CONSTRAINT "chk_balance_type" CHECK ("balance_type" IN ('current', 'available', 'pending', 'overdraft', 'credit_limit', 'payment_due', 'last_payment')),
    ADD CONSTRAINT "chk_balance_source" CHECK ("source" IN ('plaid', 'manual', 'calculated')),
    ADD CONSTRAINT "chk_currency_length" CHECK (char_length("currency") = 3),
    ADD CONSTRAINT "chk_account_balances_currency" CHECK ("currency" ~ '^[A-Z]{3}$');

ALTER TABLE "banking_preferences"
    ADD CONSTRAINT "chk_preferences_sync_frequency" CHECK ("sync_frequency" IN ('real_time', 'hourly', 'daily', 'weekly', 'manual')),
    ADD CONSTRAINT "chk_notification_frequency" CHECK ("notification_frequency" IN ('immediate', 'hourly', 'daily', 'weekly')),
    ADD CONSTRAINT "chk_preferences_thresholds" CHECK (
        "balance_threshold" >= 0 AND "low_balance_threshold" >= 0 AND "large_transaction_threshold" >= 0),
    ADD CONSTRAINT "chk_preferences_currency" CHECK ("default_currency" ~ '^[A-Z]{3}$'),
    ADD CONSTRAINT "chk_preferences_time_format" CHECK ("time_format" IN ('12h', '24h')),
    ADD CONSTRAINT "chk_preferences_date_format" CHECK (char_length("date_format") BETWEEN 1 AND 32),
    ADD CONSTRAINT "chk_preferences_account_color" CHECK ("account_color" ~ '^#[0-9A-Fa-f]{6}$'),
    ADD CONSTRAINT "chk_preferences_account_alias" CHECK (char_length("account_alias") BETWEEN 1 AND 64),
    ADD CONSTRAINT "chk_preferences_account_icon" CHECK (char_length("account_icon") BETWEEN 1 AND 64),
    -- Account customization only makes sense on an account's own row.
    ADD CONSTRAINT "chk_preferences_global_has_no_account_fields" CHECK (
        "bank_account_id" IS NOT NULL
        OR ("account_alias" IS NULL AND "account_color" IS NULL AND "account_icon" IS NULL AND "hide_account" IS NULL));

ALTER TABLE "transactions"
    ADD CONSTRAINT "chk_transactions_currency" CHECK ("iso_currency_code" ~ '^[A-Z]{3}$'),
    ADD CONSTRAINT "chk_transactions_payment_channel" CHECK ("payment_channel" IN ('online', 'in store', 'other'));

-- At most one current row per (account, balance type).
CREATE UNIQUE INDEX "uq_account_balances_current" ON "account_balances"("bank_account_id", "balance_type") WHERE "is_current";

-- At most one global preferences row per user (NULLs are distinct in the plain UNIQUE above).
CREATE UNIQUE INDEX "uq_banking_preferences_user_global" ON "banking_preferences"("user_id") WHERE "bank_account_id" IS NULL;

-- Due-connection scans for the scheduler.
CREATE INDEX "idx_plaid_connections_due" ON "plaid_connections"("next_sync_at") WHERE "is_active" AND NOT "requires_reauth";

-- updated_at on every table that has it
CREATE FUNCTION update_updated_at_column() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END;
$$;

CREATE TRIGGER update_users_updated_at BEFORE UPDATE ON "users"
    FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();
CREATE TRIGGER update_plaid_connections_updated_at BEFORE UPDATE ON "plaid_connections"
    FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();
CREATE TRIGGER update_bank_accounts_updated_at BEFORE UPDATE ON "bank_accounts"
    FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();
CREATE TRIGGER update_transaction_syncs_updated_at BEFORE UPDATE ON "transaction_syncs"
    FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();
CREATE TRIGGER update_account_balances_updated_at BEFORE UPDATE ON "account_balances"
    FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();
CREATE TRIGGER update_banking_preferences_updated_at BEFORE UPDATE ON "banking_preferences"
    FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();
CREATE TRIGGER update_transactions_updated_at BEFORE UPDATE ON "transactions"
    FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();

-- Balance history: a new current row retires the previous current row of the same account and
-- balance type, and records the change from the row before it (by as_of_date). A row dated before
-- the current one is history, not current. Changes across currencies are not computed.
CREATE FUNCTION calculate_balance_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    prev RECORD;
BEGIN
    IF TG_OP = 'INSERT' AND NEW.previous_amount IS NULL THEN
        -- Serialize writers of one (account, type) so two inserts cannot both become current.
        PERFORM pg_advisory_xact_lock(hashtext(NEW.bank_account_id::text || ':' || NEW.balance_type));
        SELECT amount, currency INTO prev
        FROM account_balances
        WHERE bank_account_id = NEW.bank_account_id
          AND balance_type = NEW.balance_type
          AND as_of_date <= NEW.as_of_date
        ORDER BY as_of_date DESC, created_at DESC
        LIMIT 1;
        IF FOUND AND prev.currency = NEW.currency THEN
            NEW.previous_amount := prev.amount;
        END IF;
    END IF;

    IF TG_OP = 'INSERT' OR NEW.amount IS DISTINCT FROM OLD.amount
       OR NEW.previous_amount IS DISTINCT FROM OLD.previous_amount THEN
        IF NEW.previous_amount IS NULL THEN
            NEW.change_amount := NULL;
            NEW.change_percentage := NULL;
        ELSE
            NEW.change_amount := NEW.amount - NEW.previous_amount;
            NEW.change_percentage := CASE
                WHEN NEW.previous_amount = 0 THEN NULL
                ELSE (NEW.change_amount / abs(NEW.previous_amount) * 100)::double precision
            END;
        END IF;
    END IF;
    RETURN NEW;
END;
$$;

-- A backdated row sits between two others: the row after it now follows it, so its previous amount
-- (and, through calculate_balance_change on that UPDATE, its change) is repaired.
CREATE FUNCTION relink_next_balance() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE account_balances SET previous_amount = CASE WHEN currency = NEW.currency THEN NEW.amount END
    WHERE id = (
        SELECT id FROM account_balances
        WHERE bank_account_id = NEW.bank_account_id AND balance_type = NEW.balance_type
          AND as_of_date > NEW.as_of_date AND id <> NEW.id
        ORDER BY as_of_date, created_at
        LIMIT 1
    );
    RETURN NULL;
END;
$$;

CREATE FUNCTION set_old_balances_inactive() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.is_current AND (TG_OP = 'INSERT' OR NOT OLD.is_current) THEN
        PERFORM pg_advisory_xact_lock(hashtext(NEW.bank_account_id::text || ':' || NEW.balance_type));
        IF TG_OP = 'INSERT' AND EXISTS (
            SELECT 1 FROM account_balances
            WHERE bank_account_id = NEW.bank_account_id AND balance_type = NEW.balance_type
              AND is_current AND as_of_date > NEW.as_of_date
        ) THEN
            NEW.is_current := false;
        ELSE
            UPDATE account_balances SET is_current = false
            WHERE bank_account_id = NEW.bank_account_id AND balance_type = NEW.balance_type
              AND is_current AND id <> NEW.id;
        END IF;
    END IF;
    RETURN NEW;
END;
$$;

-- Trigger order is alphabetical: the change is computed before the current flag moves.
CREATE TRIGGER calculate_balance_change_trigger BEFORE INSERT OR UPDATE ON "account_balances"
    FOR EACH ROW EXECUTE FUNCTION calculate_balance_change();
CREATE TRIGGER set_old_balances_inactive_trigger BEFORE INSERT OR UPDATE ON "account_balances"
    FOR EACH ROW EXECUTE FUNCTION set_old_balances_inactive();
CREATE TRIGGER relink_next_balance_trigger AFTER INSERT ON "account_balances"
    FOR EACH ROW WHEN (NOT NEW.is_current) EXECUTE FUNCTION relink_next_balance();

-- A successful sync stamps last_sync_at on its account (all the connection's accounts when the sync
-- is connection-wide) and on its connection. Failed syncs change neither. Never moves backwards.
CREATE FUNCTION update_account_last_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.status = 'success' AND NEW.completed_at IS NOT NULL AND (
        TG_OP = 'INSERT' OR OLD.status IS DISTINCT FROM 'success'
        OR OLD.completed_at IS DISTINCT FROM NEW.completed_at
    ) THEN
        UPDATE bank_accounts SET last_sync_at = NEW.completed_at
        WHERE (id = NEW.bank_account_id
               OR (NEW.bank_account_id IS NULL AND plaid_connection_id = NEW.plaid_connection_id))
          AND (last_sync_at IS NULL OR last_sync_at < NEW.completed_at);
    END IF;
    RETURN NULL;
END;
$$;

CREATE FUNCTION update_connection_last_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.status = 'success' AND NEW.completed_at IS NOT NULL AND (
        TG_OP = 'INSERT' OR OLD.status IS DISTINCT FROM 'success'
        OR OLD.completed_at IS DISTINCT FROM NEW.completed_at
    ) THEN
        UPDATE plaid_connections SET last_sync_at = NEW.completed_at
        WHERE id = NEW.plaid_connection_id
          AND (last_sync_at IS NULL OR last_sync_at < NEW.completed_at);
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER update_account_last_sync_trigger AFTER INSERT OR UPDATE ON "transaction_syncs"
    FOR EACH ROW EXECUTE FUNCTION update_account_last_sync();
CREATE TRIGGER update_connection_last_sync_trigger AFTER INSERT OR UPDATE ON "transaction_syncs"
    FOR EACH ROW EXECUTE FUNCTION update_connection_last_sync();

-- Views, with the seed document's names and columns.

-- Active accounts of active connections; latest_balance is the current 'current' balance.
CREATE VIEW active_bank_accounts AS
SELECT
    ba.id, ba.user_id, ba.plaid_connection_id, ba.account_id, ba.name, ba.mask,
    ba.type, ba.subtype, ba.account_type, ba.status, ba.verification_status,
    ba.current_balance, ba.available_balance, ba.credit_limit, ba.iso_currency_code,
    ba.last_sync_at, pc.institution_name, pc.institution_logo, pc.sync_frequency,
    pc.is_active AS connection_active, ab.amount AS latest_balance, ab.as_of_date AS balance_date
FROM bank_accounts ba
JOIN plaid_connections pc ON ba.plaid_connection_id = pc.id
LEFT JOIN account_balances ab
    ON ab.bank_account_id = ba.id AND ab.balance_type = 'current' AND ab.is_current
WHERE ba.is_active AND pc.is_active;

-- Per-account sync figures. Transaction syncs run per connection (bank_account_id NULL), so those
-- count for every account of the connection; last_sync_at is the last successful sync.
CREATE VIEW sync_statistics AS
SELECT
    ba.id AS bank_account_id, ba.name AS account_name, pc.institution_name,
    COUNT(ts.id) AS total_syncs,
    COUNT(ts.id) FILTER (WHERE ts.status = 'success') AS successful_syncs,
    COUNT(ts.id) FILTER (WHERE ts.status = 'failed') AS failed_syncs,
    AVG(ts.duration) AS avg_sync_duration,
    MAX(ts.completed_at) FILTER (WHERE ts.status = 'success') AS last_sync_at,
    COALESCE(SUM(ts.records_processed), 0) AS total_records_processed,
    COALESCE(SUM(ts.records_failed), 0) AS total_records_failed
FROM bank_accounts ba
JOIN plaid_connections pc ON ba.plaid_connection_id = pc.id
LEFT JOIN transaction_syncs ts
    ON ts.plaid_connection_id = ba.plaid_connection_id
   AND (ts.bank_account_id = ba.id OR ts.bank_account_id IS NULL)
GROUP BY ba.id, ba.name, pc.institution_name;

-- One row per user, accounts counted once. total_balance is net worth over active accounts: current
-- balances, with credit and loan balances (amounts owed) subtracted.
CREATE VIEW user_account_summary AS
SELECT
    u.id AS user_id, u.email,
    COUNT(ba.id) AS total_accounts,
    COUNT(ba.id) FILTER (WHERE ba.status = 'active') AS active_accounts,
    COUNT(ba.id) FILTER (WHERE ba.status = 'error') AS error_accounts,
    COUNT(DISTINCT pc.institution_id) AS unique_institutions,
    COALESCE(SUM(
        CASE WHEN ba.type IN ('credit', 'loan') THEN -1 ELSE 1 END
        * COALESCE(ab.amount, ba.current_balance)
    ) FILTER (WHERE ba.is_active), 0)::numeric(15,2) AS total_balance,
    MAX(ba.last_sync_at) AS last_sync_at
FROM users u
LEFT JOIN bank_accounts ba ON ba.user_id = u.id
LEFT JOIN plaid_connections pc ON pc.id = ba.plaid_connection_id
LEFT JOIN account_balances ab
    ON ab.bank_account_id = ba.id AND ab.balance_type = 'current' AND ab.is_current
GROUP BY u.id, u.email;
