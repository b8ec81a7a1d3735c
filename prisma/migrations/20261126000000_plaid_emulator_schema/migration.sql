-- The Plaid emulator is a package of its own now (packages/plaid-emulator): its tables live in the
-- schema plaid_emulator, created by its own migrations. This hands the tables Mingus made for it over,
-- rows and all, so emulated banks a developer linked survive: each moves to the new schema under the
-- package's name, keeping its columns, constraints and indexes, and the package's first migration
-- (CREATE TABLE IF NOT EXISTS, the same columns) then finds them in place. The updated_at trigger used
-- Mingus's function; the package brings its own.
--
-- The package's migration lock (pg_advisory_xact_lock on "plai", "demu") makes an emulator migrating
-- at the same moment wait. Should the emulator have made its tables first (it served a request before
-- this migration ran), the old tables are left where they are and a notice says so.
SELECT pg_advisory_xact_lock(1886151017, 1684368757);

CREATE SCHEMA IF NOT EXISTS plaid_emulator;

DO $$
DECLARE
    old_names CONSTANT text[] := ARRAY['plaid_emulator_items', 'plaid_emulator_link_tokens',
        'plaid_emulator_public_tokens', 'plaid_emulator_transactions', 'plaid_emulator_faults',
        'plaid_emulator_keys', 'plaid_emulator_webhooks'];
    new_names CONSTANT text[] := ARRAY['items', 'link_tokens', 'public_tokens', 'transactions', 'faults',
        'keys', 'webhooks'];
BEGIN
    IF to_regclass('public.plaid_emulator_items') IS NULL THEN
        RETURN;
    END IF;
    IF to_regclass('plaid_emulator.items') IS NOT NULL THEN
        RAISE NOTICE 'plaid_emulator.items already exists: the emulator''s old tables stay in public';
        RETURN;
    END IF;
    DROP TRIGGER IF EXISTS update_plaid_emulator_items_updated_at ON public.plaid_emulator_items;
    FOR i IN 1 .. array_length(old_names, 1) LOOP
        IF to_regclass('public.' || old_names[i]) IS NOT NULL THEN
            EXECUTE format('ALTER TABLE public.%I SET SCHEMA plaid_emulator', old_names[i]);
            EXECUTE format('ALTER TABLE plaid_emulator.%I RENAME TO %I', old_names[i], new_names[i]);
        END IF;
    END LOOP;
END
$$;
