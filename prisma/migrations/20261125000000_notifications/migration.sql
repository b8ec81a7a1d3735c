-- Alerts and notifications (issue 6): what each account's alert rules last saw, the notifications a
-- person gets, and their delivery by email, push and SMS, at once or in hourly, daily or weekly digests.

-- A mobile number for SMS alerts, in E.164 (+ and up to 15 digits).
ALTER TABLE "users" ADD COLUMN "phone_number" TEXT;
ALTER TABLE "users" ADD CONSTRAINT "chk_users_phone_number" CHECK ("phone_number" ~ '^\+[1-9][0-9]{6,14}$');

-- What a rule saw last, so it fires once per crossing rather than on every sync: one row per account
-- and rule (balance_threshold and low_balance keep the side of the threshold; transactions keeps the
-- created_at of the newest transaction already looked at), or per connection (reconnect).
CREATE TABLE "alert_states" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "bank_account_id" UUID,
    "plaid_connection_id" UUID,
    "rule" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "threshold" DECIMAL(15,2),
    "watermark" TIMESTAMPTZ(6),
    "changed_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "alert_states_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "chk_alert_states_subject" CHECK (("bank_account_id" IS NULL) <> ("plaid_connection_id" IS NULL)),
    CONSTRAINT "chk_alert_states_rule" CHECK ("rule" IN ('balance_threshold', 'low_balance', 'transactions', 'reconnect')),
    CONSTRAINT "chk_alert_states_state" CHECK ("state" IN ('above', 'below', 'seen', 'active', 'clear'))
);
CREATE UNIQUE INDEX "uq_alert_states_account_rule" ON "alert_states"("bank_account_id", "rule");
CREATE UNIQUE INDEX "uq_alert_states_connection_rule" ON "alert_states"("plaid_connection_id", "rule");
ALTER TABLE "alert_states" ADD CONSTRAINT "fk_alert_states_account"
    FOREIGN KEY ("bank_account_id") REFERENCES "bank_accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "alert_states" ADD CONSTRAINT "fk_alert_states_connection"
    FOREIGN KEY ("plaid_connection_id") REFERENCES "plaid_connections"("id") ON DELETE CASCADE ON UPDATE CASCADE;
CREATE TRIGGER update_alert_states_updated_at BEFORE UPDATE ON "alert_states"
    FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();

-- One alert for one person. dedupe_key names the event (the crossing, the transaction), so however
-- often a sync or a webhook evaluates it, the alert exists once. in_app: whether the in-app channel
-- was on when it fired (the bell and the list show only those); the row is kept either way, as the
-- record the other channels deliver.
CREATE TABLE "notifications" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "user_id" UUID NOT NULL,
    "bank_account_id" UUID,
    "plaid_connection_id" UUID,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "reason" TEXT,
    "data" JSONB NOT NULL DEFAULT '{}',
    "dedupe_key" TEXT NOT NULL,
    "in_app" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "read_at" TIMESTAMPTZ(6),

    CONSTRAINT "notifications_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "chk_notification_kind" CHECK ("kind" IN ('balance_threshold', 'low_balance', 'transaction', 'unusual_activity', 'reconnect_required'))
);
CREATE UNIQUE INDEX "uq_notifications_user_dedupe" ON "notifications"("user_id", "dedupe_key");
CREATE INDEX "idx_notifications_user_created" ON "notifications"("user_id", "created_at" DESC);
-- The bell's question: how many unread in-app notifications has this person?
CREATE INDEX "idx_notifications_user_unread" ON "notifications"("user_id") WHERE "read_at" IS NULL AND "in_app";
CREATE INDEX "idx_notifications_bank_account_id" ON "notifications"("bank_account_id");
CREATE INDEX "idx_notifications_plaid_connection_id" ON "notifications"("plaid_connection_id");
ALTER TABLE "notifications" ADD CONSTRAINT "fk_notifications_user"
    FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
-- An unlinked account or connection leaves its alerts in the list, no longer linked.
ALTER TABLE "notifications" ADD CONSTRAINT "fk_notifications_account"
    FOREIGN KEY ("bank_account_id") REFERENCES "bank_accounts"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "notifications" ADD CONSTRAINT "fk_notifications_connection"
    FOREIGN KEY ("plaid_connection_id") REFERENCES "plaid_connections"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- One message to send on one channel: a single alert (frequency immediate) or the digest of a period
-- (hourly, daily, weekly; period_start..period_end, sent at period_end). dedupe_key makes both exist
-- once: "<notification id>:<channel>", or "digest:<user>:<channel>:<frequency>:<period start>".
CREATE TABLE "notification_messages" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "user_id" UUID NOT NULL,
    "channel" TEXT NOT NULL,
    "frequency" TEXT NOT NULL,
    "dedupe_key" TEXT NOT NULL,
    "period_start" TIMESTAMPTZ(6),
    "period_end" TIMESTAMPTZ(6),
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "locked_at" TIMESTAMPTZ(6),
    "last_error" TEXT,
    "sent_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "notification_messages_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "chk_notification_message_channel" CHECK ("channel" IN ('email', 'push', 'sms')),
    CONSTRAINT "chk_notification_message_frequency" CHECK ("frequency" IN ('immediate', 'hourly', 'daily', 'weekly')),
    CONSTRAINT "chk_notification_message_status" CHECK ("status" IN ('pending', 'sending', 'sent', 'failed', 'cancelled')),
    CONSTRAINT "chk_notification_message_period" CHECK (("frequency" = 'immediate') = ("period_start" IS NULL AND "period_end" IS NULL)),
    CONSTRAINT "chk_notification_message_attempts" CHECK ("attempts" >= 0)
);
CREATE UNIQUE INDEX "uq_notification_messages_dedupe" ON "notification_messages"("dedupe_key");
CREATE INDEX "idx_notification_messages_user_id" ON "notification_messages"("user_id");
-- The sweep's question: which messages are due (or stuck sending)?
CREATE INDEX "idx_notification_messages_due" ON "notification_messages"("next_attempt_at")
    WHERE "status" IN ('pending', 'sending');
ALTER TABLE "notification_messages" ADD CONSTRAINT "fk_notification_messages_user"
    FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
CREATE TRIGGER update_notification_messages_updated_at BEFORE UPDATE ON "notification_messages"
    FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();

-- Which message carries an alert on a channel: at most one per (notification, channel), the
-- "delivered at most once per channel" rule.
CREATE TABLE "notification_deliveries" (
    "notification_id" UUID NOT NULL,
    "channel" TEXT NOT NULL,
    "message_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "notification_deliveries_pkey" PRIMARY KEY ("notification_id", "channel")
);
CREATE INDEX "idx_notification_deliveries_message_id" ON "notification_deliveries"("message_id");
ALTER TABLE "notification_deliveries" ADD CONSTRAINT "fk_notification_deliveries_notification"
    FOREIGN KEY ("notification_id") REFERENCES "notifications"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "notification_deliveries" ADD CONSTRAINT "fk_notification_deliveries_message"
    FOREIGN KEY ("message_id") REFERENCES "notification_messages"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Every attempt to send a message, successful or not: the delivery log.
CREATE TABLE "notification_delivery_attempts" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "message_id" UUID NOT NULL,
    "attempt" INTEGER NOT NULL,
    "channel" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "provider_id" TEXT,
    "error" TEXT,
    "duration_ms" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "notification_delivery_attempts_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "chk_delivery_attempt_outcome" CHECK ("outcome" IN ('sent', 'failed', 'rejected', 'skipped'))
);
CREATE INDEX "idx_notification_delivery_attempts_message" ON "notification_delivery_attempts"("message_id", "attempt");
CREATE INDEX "idx_notification_delivery_attempts_created" ON "notification_delivery_attempts"("created_at");
ALTER TABLE "notification_delivery_attempts" ADD CONSTRAINT "fk_notification_delivery_attempts_message"
    FOREIGN KEY ("message_id") REFERENCES "notification_messages"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Web Push subscriptions, one per browser a person turned push on in.
CREATE TABLE "push_subscriptions" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "user_id" UUID NOT NULL,
    "endpoint" TEXT NOT NULL,
    "p256dh" TEXT NOT NULL,
    "auth" TEXT NOT NULL,
    "user_agent" TEXT,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_success_at" TIMESTAMPTZ(6),

    CONSTRAINT "push_subscriptions_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "uq_push_subscriptions_endpoint" ON "push_subscriptions"("endpoint");
CREATE INDEX "idx_push_subscriptions_user_id" ON "push_subscriptions"("user_id");
ALTER TABLE "push_subscriptions" ADD CONSTRAINT "fk_push_subscriptions_user"
    FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
