-- Plaid (issue 3): the key id of each connection's encrypted access token, the operator's record of
-- every Plaid call, the webhooks received, and the state of the local Plaid emulator (so a restart of
-- the app loses no emulated item, token, cursor, webhook or injected fault).

-- The access token is stored as AES-256-GCM ciphertext (lib/plaid/token-crypto.ts); this names the
-- key that sealed it, so `npm run keys:rotate` can find rows still sealed with an older key.
ALTER TABLE "plaid_connections" ADD COLUMN "access_token_key_id" TEXT;

-- Every call to Plaid (or the emulator): what, for which connection, Plaid's request_id and error
-- code, and how long it took. The row outlives its connection (SET NULL) so an unlink stays visible.
CREATE TABLE "plaid_api_calls" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "endpoint" TEXT NOT NULL,
    "plaid_connection_id" UUID,
    "environment" TEXT NOT NULL,
    "request_id" TEXT,
    "status_code" INTEGER,
    "error_type" TEXT,
    "error_code" TEXT,
    "duration_ms" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "plaid_api_calls_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "chk_plaid_api_calls_environment" CHECK ("environment" IN ('emulator', 'sandbox', 'production')),
    CONSTRAINT "chk_plaid_api_calls_duration" CHECK ("duration_ms" >= 0)
);
CREATE INDEX "idx_plaid_api_calls_created_at" ON "plaid_api_calls"("created_at");
CREATE INDEX "idx_plaid_api_calls_connection_created_at" ON "plaid_api_calls"("plaid_connection_id", "created_at");
ALTER TABLE "plaid_api_calls" ADD CONSTRAINT "fk_plaid_api_calls_connection"
    FOREIGN KEY ("plaid_connection_id") REFERENCES "plaid_connections"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Verified webhooks. body_sha256 makes a redelivery of the same bytes a no-op; issued_at (the JWT's
-- iat) orders item-status webhooks that arrive out of order.
CREATE TABLE "plaid_webhook_events" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "body_sha256" TEXT NOT NULL,
    "webhook_type" TEXT NOT NULL,
    "webhook_code" TEXT NOT NULL,
    "item_id" TEXT,
    "plaid_connection_id" UUID,
    "payload" JSONB NOT NULL,
    "issued_at" TIMESTAMPTZ(6) NOT NULL,
    "received_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processed_at" TIMESTAMPTZ(6),
    "status" TEXT NOT NULL DEFAULT 'received',
    "error" TEXT,

    CONSTRAINT "plaid_webhook_events_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "chk_plaid_webhook_events_status" CHECK ("status" IN ('received', 'processed', 'ignored', 'failed'))
);
CREATE UNIQUE INDEX "uq_plaid_webhook_events_body" ON "plaid_webhook_events"("body_sha256");
CREATE INDEX "idx_plaid_webhook_events_item_issued_at" ON "plaid_webhook_events"("item_id", "issued_at");
ALTER TABLE "plaid_webhook_events" ADD CONSTRAINT "fk_plaid_webhook_events_connection"
    FOREIGN KEY ("plaid_connection_id") REFERENCES "plaid_connections"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- The emulator's items. Plaid's side of the world: the access token is kept only as its SHA-256, so
-- no plaintext token sits anywhere in the database.
CREATE TABLE "plaid_emulator_items" (
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
CREATE UNIQUE INDEX "uq_plaid_emulator_items_access_token" ON "plaid_emulator_items"("access_token_sha256");
CREATE TRIGGER update_plaid_emulator_items_updated_at BEFORE UPDATE ON "plaid_emulator_items"
    FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();

CREATE TABLE "plaid_emulator_link_tokens" (
    "link_token" TEXT NOT NULL,
    "client_id" TEXT NOT NULL,
    "client_user_id" TEXT NOT NULL,
    "item_id" TEXT,
    "webhook" TEXT,
    "request" JSONB NOT NULL DEFAULT '{}',
    "expires_at" TIMESTAMPTZ(6) NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "plaid_emulator_link_tokens_pkey" PRIMARY KEY ("link_token")
);
ALTER TABLE "plaid_emulator_link_tokens" ADD CONSTRAINT "fk_plaid_emulator_link_tokens_item"
    FOREIGN KEY ("item_id") REFERENCES "plaid_emulator_items"("item_id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "plaid_emulator_public_tokens" (
    "public_token_sha256" TEXT NOT NULL,
    "item_id" TEXT NOT NULL,
    "client_id" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(6) NOT NULL,
    "used_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "plaid_emulator_public_tokens_pkey" PRIMARY KEY ("public_token_sha256")
);
ALTER TABLE "plaid_emulator_public_tokens" ADD CONSTRAINT "fk_plaid_emulator_public_tokens_item"
    FOREIGN KEY ("item_id") REFERENCES "plaid_emulator_items"("item_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Each item's transactions as an append-only log of changes; /transactions/sync cursors are
-- positions in it.
CREATE TABLE "plaid_emulator_transactions" (
    "item_id" TEXT NOT NULL,
    "seq" BIGINT NOT NULL,
    "transaction_id" TEXT NOT NULL,
    "account_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "payload" JSONB,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "plaid_emulator_transactions_pkey" PRIMARY KEY ("item_id", "seq"),
    CONSTRAINT "chk_plaid_emulator_transactions_kind" CHECK ("kind" IN ('added', 'modified', 'removed'))
);
CREATE INDEX "idx_plaid_emulator_transactions_item_transaction" ON "plaid_emulator_transactions"("item_id", "transaction_id");
ALTER TABLE "plaid_emulator_transactions" ADD CONSTRAINT "fk_plaid_emulator_transactions_item"
    FOREIGN KEY ("item_id") REFERENCES "plaid_emulator_items"("item_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Injected faults: an item's (or every item's, item_id NULL) endpoint (or every endpoint, endpoint
-- NULL) fails with error_code for the next `remaining` calls or at `rate`, is slowed by latency_ms, or
-- has its transactions changed in the middle of a /transactions/sync pagination.
CREATE TABLE "plaid_emulator_faults" (
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
CREATE INDEX "idx_plaid_emulator_faults_item" ON "plaid_emulator_faults"("item_id");

-- The ES256 keys that sign the emulator's webhooks, served by /webhook_verification_key/get.
CREATE TABLE "plaid_emulator_keys" (
    "kid" TEXT NOT NULL,
    "public_jwk" JSONB NOT NULL,
    "private_jwk" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expired_at" TIMESTAMPTZ(6),

    CONSTRAINT "plaid_emulator_keys_pkey" PRIMARY KEY ("kid")
);

-- Every webhook the emulator sent (or failed to send).
CREATE TABLE "plaid_emulator_webhooks" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "item_id" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "status_code" INTEGER,
    "error" TEXT,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "delivered_at" TIMESTAMPTZ(6),

    CONSTRAINT "plaid_emulator_webhooks_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "idx_plaid_emulator_webhooks_item_created_at" ON "plaid_emulator_webhooks"("item_id", "created_at");
ALTER TABLE "plaid_emulator_webhooks" ADD CONSTRAINT "fk_plaid_emulator_webhooks_item"
    FOREIGN KEY ("item_id") REFERENCES "plaid_emulator_items"("item_id") ON DELETE CASCADE ON UPDATE CASCADE;
