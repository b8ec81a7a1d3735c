-- Email addresses that are proved (docs/security.md, Email addresses): a mailed link confirms the address
-- a person signed up with, or moves the account to a new one. The address a link is for travels with its
-- token, so a link mailed before a change cannot confirm the address that replaced it.
ALTER TABLE "user_tokens" ADD COLUMN "email" TEXT;

ALTER TABLE "user_tokens" DROP CONSTRAINT "chk_user_tokens_purpose";
ALTER TABLE "user_tokens" ADD CONSTRAINT "chk_user_tokens_purpose"
    CHECK ("purpose" IN ('password_reset', 'email_verification', 'email_change'));
ALTER TABLE "user_tokens" ADD CONSTRAINT "chk_user_tokens_email"
    CHECK (("purpose" = 'password_reset') = ("email" IS NULL));

-- Admins (docs/security.md, Admins): ADMIN_EMAILS makes an account admin only once its address is
-- confirmed, and only while the address stays on the list; `npm run user:admin` grants admin explicitly,
-- recorded here. Roles stored before this change came from either, so none is carried over as a grant:
-- admins outside ADMIN_EMAILS are granted again with `npm run user:admin` (docs/operations.md).
ALTER TABLE "users" ADD COLUMN "admin_granted_at" TIMESTAMPTZ(6);
