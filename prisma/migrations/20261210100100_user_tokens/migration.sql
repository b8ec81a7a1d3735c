-- Single-use links mailed to a person (docs/security.md, Passwords): "Forgot password" for now. Only the
-- token's SHA-256 is stored; a row signs nothing once used or past expires_at.
CREATE TABLE "user_tokens" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "user_id" UUID NOT NULL,
    "purpose" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(6) NOT NULL,
    "used_at" TIMESTAMPTZ(6),

    CONSTRAINT "user_tokens_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "chk_user_tokens_purpose" CHECK ("purpose" IN ('password_reset'))
);

CREATE UNIQUE INDEX "uq_user_tokens_token_hash" ON "user_tokens"("token_hash");
CREATE INDEX "idx_user_tokens_user_purpose" ON "user_tokens"("user_id", "purpose");

ALTER TABLE "user_tokens" ADD CONSTRAINT "fk_user_tokens_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
