-- What Plaid's /liabilities/get says about a credit card, student loan or mortgage, beside the seed's
-- apr, interest_rate, credit_limit and payment_due (the minimum payment due): which kind of liability
-- it is, the next due date, the last payment, whether it is overdue, and when these were last read.
-- NULL on accounts without liabilities, or whose bank does not offer them.
ALTER TABLE "bank_accounts" ADD COLUMN "liability_kind" TEXT;
ALTER TABLE "bank_accounts" ADD COLUMN "next_payment_due_date" DATE;
ALTER TABLE "bank_accounts" ADD COLUMN "last_payment_amount" DECIMAL(15,2);
ALTER TABLE "bank_accounts" ADD COLUMN "last_payment_date" DATE;
ALTER TABLE "bank_accounts" ADD COLUMN "is_overdue" BOOLEAN;
ALTER TABLE "bank_accounts" ADD COLUMN "liabilities_updated_at" TIMESTAMPTZ(6);
ALTER TABLE "bank_accounts"
    ADD CONSTRAINT "chk_bank_accounts_liability_kind" CHECK ("liability_kind" IN ('credit', 'student', 'mortgage'));
