-- The alert rule registry (lib/notifications/rules/registry.ts) is now the vocabulary of notification
-- kinds and of the rules' state keys: adding a rule is a file and a registry line, not a migration.
-- Only the evaluator writes these columns, with values the registry's types allow; the states a rule
-- may keep (chk_alert_states_state) and every other vocabulary stay checked by the database.
ALTER TABLE "alert_states" DROP CONSTRAINT "chk_alert_states_rule";
ALTER TABLE "notifications" DROP CONSTRAINT "chk_notification_kind";
