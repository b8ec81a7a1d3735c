-- Transaction search (the account page's search box and its CSV export) matches
-- `name ILIKE '%q%' OR merchant_name ILIKE '%q%'`. Without an index every search walks the account's
-- whole history; a trigram GIN index answers a search of three or more characters from the few rows
-- that share its trigrams. pg_trgm is a trusted extension (PostgreSQL 13+): the database owner can
-- create it without superuser rights. PGlite loads it too (lib/db/pglite.ts).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- One index over both columns: each side of the OR is a bitmap scan of it, combined with BitmapOr.
CREATE INDEX "idx_transactions_search_trgm" ON "transactions"
    USING gin ("name" gin_trgm_ops, "merchant_name" gin_trgm_ops);
