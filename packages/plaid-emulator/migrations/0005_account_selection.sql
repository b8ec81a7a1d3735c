-- Accounts an item has at the bank that the person has not shared with the app: those left unticked
-- in Link's account selection, and accounts opened since the item was linked (NEW_ACCOUNTS_AVAILABLE)
-- until the person adds them in update mode. Plaid's endpoints answer only for the shared ones.
ALTER TABLE plaid_emulator.items ADD COLUMN IF NOT EXISTS "withheld_account_ids" JSONB NOT NULL DEFAULT '[]';
