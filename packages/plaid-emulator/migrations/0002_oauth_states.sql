-- OAuth hand-offs of the Link stand-in: one row per visit to an OAuth bank's consent page. The state id
-- travels in the bank's redirect (oauth_state_id); Link, reopened on the return page with the same link
-- token, spends it once. `decision` is null until the person answers the consent page.
CREATE TABLE IF NOT EXISTS plaid_emulator.oauth_states (
    "oauth_state_id" TEXT NOT NULL,
    "link_token" TEXT NOT NULL,
    "institution_id" TEXT NOT NULL,
    "decision" TEXT,
    "processed_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "plaid_emulator_oauth_states_pkey" PRIMARY KEY ("oauth_state_id"),
    CONSTRAINT "ck_plaid_emulator_oauth_states_decision" CHECK ("decision" IN ('allow', 'deny')),
    CONSTRAINT "fk_plaid_emulator_oauth_states_link_token" FOREIGN KEY ("link_token")
        REFERENCES plaid_emulator.link_tokens ("link_token") ON DELETE CASCADE
);
