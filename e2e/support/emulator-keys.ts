// The key pair the e2e server's emulator accepts (e2e/support/start-server.mjs sets the same pair as
// PLAID_EMULATOR_CLIENT_ID and PLAID_EMULATOR_SECRET): the emulator refuses any other, as Plaid does.
export const EMULATOR_CLIENT_ID = "e2e-emulator-client";
export const EMULATOR_SECRET = "e2e-emulator-secret-for-the-tests";

/** The pair as Plaid takes it in a request body. */
export const EMULATOR_KEYS = { client_id: EMULATOR_CLIENT_ID, secret: EMULATOR_SECRET };
