-- Balance history reconstructed from transactions (lib/accounts/balances/rebuild.ts): one 'calculated'
-- current-balance row per account per UTC day, rebuilt as a set. The rebuild links previous_amount
-- for the whole history in one statement, so the per-row relink trigger leaves calculated rows alone
-- (it would otherwise run one UPDATE per inserted day).

-- At most one calculated point per account, balance type and UTC day.
CREATE UNIQUE INDEX "uq_account_balances_calculated_day"
    ON "account_balances"("bank_account_id", "balance_type", (("as_of_date" AT TIME ZONE 'UTC')::date))
    WHERE "source" = 'calculated';

DROP TRIGGER "relink_next_balance_trigger" ON "account_balances";
CREATE TRIGGER relink_next_balance_trigger AFTER INSERT ON "account_balances"
    FOR EACH ROW WHEN (NOT NEW.is_current AND NEW.source <> 'calculated') EXECUTE FUNCTION relink_next_balance();
