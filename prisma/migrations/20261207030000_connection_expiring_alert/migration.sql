-- The "Connection expiring" alert's switch (lib/notifications/rules/connection-expiring.ts). NULL
-- inherits, as every preference does; the default (lib/preferences/defaults.ts) is on, because a bank
-- that stops sharing data is news every person wants.
ALTER TABLE "banking_preferences" ADD COLUMN "connection_expiring_alert" BOOLEAN;
