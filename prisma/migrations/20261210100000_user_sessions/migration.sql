-- Sessions that end (docs/security.md, Sessions): one row per signed-in browser, named by the session
-- cookie. Sign-out deletes the row; so do "Sign out" on Settings → Security and a password change, and a
-- cookie whose row is gone no longer signs anyone in. Cookies issued before this migration name no row
-- and sign their holders out once.
CREATE TABLE "user_sessions" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "user_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_seen_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(6) NOT NULL,
    "user_agent" TEXT,
    "ip_address" TEXT,
    "country" TEXT,

    CONSTRAINT "user_sessions_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "idx_user_sessions_user_last_seen" ON "user_sessions"("user_id", "last_seen_at" DESC);

ALTER TABLE "user_sessions" ADD CONSTRAINT "fk_user_sessions_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
