-- Reference exchange rates (docs/features.md, Currencies): the ECB's daily rates, one row per
-- currency per day, each the units of that currency one euro buys. Other pairs are crossed through
-- the euro. Keyed by currency then day, so "the latest rate on or before a day" is one index step.
CREATE TABLE "fx_rates" (
    "currency" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "rate" DECIMAL(20,10) NOT NULL,
    "fetched_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "fx_rates_pkey" PRIMARY KEY ("currency", "day"),
    CONSTRAINT "chk_fx_rates_currency" CHECK ("currency" ~ '^[A-Z]{3}$' AND "currency" <> 'EUR'),
    CONSTRAINT "chk_fx_rates_rate" CHECK ("rate" > 0)
);
