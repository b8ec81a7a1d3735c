-- Sign-in attempt counters for rate-limiter-flexible's PostgreSQL store (shared by every web process).
-- The library's own table layout; it never creates the table itself here (tableCreated: true).

-- CreateTable
CREATE TABLE "rate_limits" (
    "key" VARCHAR(255) NOT NULL,
    "points" INTEGER NOT NULL DEFAULT 0,
    "expire" BIGINT,

    CONSTRAINT "rate_limits_pkey" PRIMARY KEY ("key")
);
