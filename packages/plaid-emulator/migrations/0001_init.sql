-- The emulator's state: Plaid's side of the world. Tokens are kept only as their SHA-256, so no
-- plaintext token sits anywhere in the database. IF NOT EXISTS throughout: a database that ran the
-- emulator inside Mingus before it became a package already has these tables (Mingus's migration
-- 20261126000000_plaid_emulator_schema moved them here), with these very columns and constraint names.

CREATE TABLE IF NOT EXISTS plaid_emulator.items (
    "item_id" TEXT NOT NULL,
    "access_token_sha256" TEXT NOT NULL,
    "client_id" TEXT NOT NULL,
    "institution_id" TEXT NOT NULL,
    "username" TEXT NOT NULL,
    "seed" INTEGER NOT NULL,
    "webhook" TEXT,
    "products" JSONB NOT NULL DEFAULT '["transactions"]',
    "accounts" JSONB NOT NULL,
    "error" JSONB,
    "transactions_seq" BIGINT NOT NULL DEFAULT 0,
    "refresh_count" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "removed_at" TIMESTAMPTZ(6),

    CONSTRAINT "plaid_emulator_items_pkey" PRIMARY KEY ("item_id")
);
CREATE UNIQUE INDEX IF NOT EXISTS "uq_plaid_emulator_items_access_token"
    ON plaid_emulator.items ("access_token_sha256");

CREATE OR REPLACE FUNCTION plaid_emulator.set_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.updated_at = CURRENT_TIMESTAMP;
    RETURN NEW;
END;
$$;
CREATE OR REPLACE TRIGGER items_set_updated_at BEFORE UPDATE ON plaid_emulator.items
    FOR EACH ROW EXECUTE FUNCTION plaid_emulator.set_updated_at();

-- Link tokens are reusable for their four hours, as in Plaid's sandbox; `request` is the create call
-- as recorded (never the keys or an access token), plus the items Link made with it.
CREATE TABLE IF NOT EXISTS plaid_emulator.link_tokens (
    "link_token" TEXT NOT NULL,
    "client_id" TEXT NOT NULL,
    "client_user_id" TEXT NOT NULL,
    "item_id" TEXT,
    "webhook" TEXT,
    "request" JSONB NOT NULL DEFAULT '{}',
    "expires_at" TIMESTAMPTZ(6) NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "plaid_emulator_link_tokens_pkey" PRIMARY KEY ("link_token"),
    CONSTRAINT "fk_plaid_emulator_link_tokens_item" FOREIGN KEY ("item_id")
        REFERENCES plaid_emulator.items ("item_id") ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE TABLE IF NOT EXISTS plaid_emulator.public_tokens (
    "public_token_sha256" TEXT NOT NULL,
    "item_id" TEXT NOT NULL,
    "client_id" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(6) NOT NULL,
    "used_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "plaid_emulator_public_tokens_pkey" PRIMARY KEY ("public_token_sha256"),
    CONSTRAINT "fk_plaid_emulator_public_tokens_item" FOREIGN KEY ("item_id")
        REFERENCES plaid_emulator.items ("item_id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- Each item's transactions as an append-only log of changes; /transactions/sync cursors are positions
-- in it.
CREATE TABLE IF NOT EXISTS plaid_emulator.transactions (
    "item_id" TEXT NOT NULL,
    "seq" BIGINT NOT NULL,
    "transaction_id" TEXT NOT NULL,
    "account_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "payload" JSONB,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "plaid_emulator_transactions_pkey" PRIMARY KEY ("item_id", "seq"),
    CONSTRAINT "chk_plaid_emulator_transactions_kind" CHECK ("kind" IN ('added', 'modified', 'removed')),
    CONSTRAINT "fk_plaid_emulator_transactions_item" FOREIGN KEY ("item_id")
        REFERENCES plaid_emulator.items ("item_id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_plaid_emulator_transactions_item_transaction"
    ON plaid_emulator.transactions ("item_id", "transaction_id");

-- Injected faults: an item's (or every item's, item_id NULL) endpoint (or every endpoint, endpoint
-- NULL) fails with error_code for the next `remaining` calls or at `rate`, is slowed by latency_ms, or
-- has its transactions changed in the middle of a /transactions/sync pagination.
CREATE TABLE IF NOT EXISTS plaid_emulator.faults (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "item_id" TEXT,
    "endpoint" TEXT,
    "error_code" TEXT,
    "remaining" INTEGER,
    "rate" DOUBLE PRECISION,
    "latency_ms" INTEGER NOT NULL DEFAULT 0,
    "mutate_during_pagination" BOOLEAN NOT NULL DEFAULT false,
    "retry_after_seconds" INTEGER,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "plaid_emulator_faults_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "chk_plaid_emulator_faults_remaining" CHECK ("remaining" IS NULL OR "remaining" >= 0),
    CONSTRAINT "chk_plaid_emulator_faults_rate" CHECK ("rate" IS NULL OR ("rate" > 0 AND "rate" <= 1)),
    CONSTRAINT "chk_plaid_emulator_faults_latency" CHECK ("latency_ms" >= 0 AND "latency_ms" <= 60000)
);
CREATE INDEX IF NOT EXISTS "idx_plaid_emulator_faults_item" ON plaid_emulator.faults ("item_id");

-- The ES256 keys that sign the emulator's webhooks, served by /webhook_verification_key/get.
CREATE TABLE IF NOT EXISTS plaid_emulator.keys (
    "kid" TEXT NOT NULL,
    "public_jwk" JSONB NOT NULL,
    "private_jwk" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expired_at" TIMESTAMPTZ(6),

    CONSTRAINT "plaid_emulator_keys_pkey" PRIMARY KEY ("kid")
);

-- Every webhook the emulator sent (or failed to send).
CREATE TABLE IF NOT EXISTS plaid_emulator.webhooks (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "item_id" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "status_code" INTEGER,
    "error" TEXT,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "delivered_at" TIMESTAMPTZ(6),

    CONSTRAINT "plaid_emulator_webhooks_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "fk_plaid_emulator_webhooks_item" FOREIGN KEY ("item_id")
        REFERENCES plaid_emulator.items ("item_id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_plaid_emulator_webhooks_item_created_at"
    ON plaid_emulator.webhooks ("item_id", "created_at");
