-- Which request or job made each Plaid call (docs/operations.md, Logs): the x-request-id of the web
-- request, or the pg-boss job id, as the log lines of that request or job carry them, so a failed call
-- in the admin page leads to its log lines. Both empty for calls made outside either (a CLI).
ALTER TABLE "plaid_api_calls" ADD COLUMN "app_request_id" TEXT;
ALTER TABLE "plaid_api_calls" ADD COLUMN "job_id" TEXT;
