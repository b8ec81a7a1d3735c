-- A Link exchange written down before anything else is called (docs/operations.md, Pending links): the
-- item and its sealed access token, the moment /item/public_token/exchange answers. Finishing the link
-- creates the connection and deletes this row in one transaction, so a crash at any point leaves either
-- a finished connection or this row, which the minute sweep finishes or removes at Plaid. The row
-- outlives its person (user_id set NULL) so that their item can still be removed.
CREATE TABLE "pending_links" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "user_id" UUID,
    "item_id" TEXT NOT NULL,
    "access_token" TEXT NOT NULL,
    "access_token_key_id" TEXT NOT NULL,
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "attempted_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_error" TEXT,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "pending_links_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "uq_pending_links_item" ON "pending_links"("item_id");

CREATE INDEX "idx_pending_links_attempted_at" ON "pending_links"("attempted_at");

ALTER TABLE "pending_links" ADD CONSTRAINT "fk_pending_links_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
