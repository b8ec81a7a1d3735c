// The OAuth hand-off of the Link stand-in, as an OAuth bank and Plaid do it together: Link sends the
// person to the bank's consent page (served here, GET /oauth/authorize), the bank answers with a 303 to
// the app's redirect_uri carrying oauth_state_id, and Link, reopened there with the same link token,
// spends the state once. The state row is the only thing that ties the return to its link token.
import { randomUUID } from "node:crypto";
import { EmulatorError } from "./errors.ts";
import type { Sql } from "./store/store.ts";

export type OAuthDecision = "allow" | "deny";

export type OAuthState = {
  oauthStateId: string;
  linkToken: string;
  institutionId: string;
  decision: OAuthDecision | null;
  processedAt: Date | null;
};

type OAuthStateRow = {
  oauth_state_id: string;
  link_token: string;
  institution_id: string;
  decision: OAuthDecision | null;
  processed_at: Date | null;
};

const toState = (row: OAuthStateRow): OAuthState => ({
  oauthStateId: row.oauth_state_id,
  linkToken: row.link_token,
  institutionId: row.institution_id,
  decision: row.decision,
  processedAt: row.processed_at,
});

const COLUMNS = "oauth_state_id, link_token, institution_id, decision, processed_at";

export async function createOAuthState(
  sql: Sql,
  { linkToken, institutionId, now }: { linkToken: string; institutionId: string; now: Date },
): Promise<string> {
  const oauthStateId = randomUUID();
  await sql.query(
    `INSERT INTO plaid_emulator.oauth_states (oauth_state_id, link_token, institution_id, created_at)
     VALUES ($1, $2, $3, $4)`,
    [oauthStateId, linkToken, institutionId, now],
  );
  return oauthStateId;
}

export async function findOAuthState(sql: Sql, oauthStateId: string): Promise<OAuthState | null> {
  const [row] = await sql.query<OAuthStateRow>(
    `SELECT ${COLUMNS} FROM plaid_emulator.oauth_states WHERE oauth_state_id = $1`,
    [oauthStateId],
  );
  return row ? toState(row) : null;
}

/** Records the consent page's answer; only the first answer counts, as a bank's would. */
export async function decideOAuthState(sql: Sql, oauthStateId: string, decision: OAuthDecision): Promise<void> {
  await sql.query(
    "UPDATE plaid_emulator.oauth_states SET decision = $2 WHERE oauth_state_id = $1 AND decision IS NULL",
    [oauthStateId, decision],
  );
}

/** The oauth_state_id in the URL the bank sent the person back to; INVALID_FIELD when there is none. */
export function readOAuthStateId(receivedRedirectUri: string, redirectUri: string): string {
  const url = URL.canParse(receivedRedirectUri) ? new URL(receivedRedirectUri) : null;
  const stateId = url?.searchParams.get("oauth_state_id");
  if (!url || !stateId || `${url.origin}${url.pathname}` !== redirectUri.replace(/\?.*$/, "")) {
    throw new EmulatorError("INVALID_FIELD", {
      message: "received_redirect_uri must be the link token's redirect_uri with an oauth_state_id",
    });
  }
  return stateId;
}

/**
 * Spends the state for this link token, once: another token's state is INCORRECT_LINK_TOKEN, a spent
 * one OAUTH_STATE_ID_ALREADY_PROCESSED, a refused (or unanswered) consent ACCESS_NOT_GRANTED.
 */
export async function spendOAuthState(
  sql: Sql,
  { oauthStateId, linkToken, now }: { oauthStateId: string; linkToken: string; now: Date },
): Promise<OAuthState> {
  const state = await findOAuthState(sql, oauthStateId);
  if (!state) throw new EmulatorError("INVALID_FIELD", { message: "oauth_state_id was not found" });
  if (state.linkToken !== linkToken) throw new EmulatorError("INCORRECT_LINK_TOKEN");
  // One conditional update: two tabs returning with the same state cannot both link.
  const [spent] = await sql.query<OAuthStateRow>(
    `UPDATE plaid_emulator.oauth_states SET processed_at = $2
     WHERE oauth_state_id = $1 AND processed_at IS NULL RETURNING ${COLUMNS}`,
    [oauthStateId, now],
  );
  if (!spent) throw new EmulatorError("OAUTH_STATE_ID_ALREADY_PROCESSED");
  if (spent.decision !== "allow") throw new EmulatorError("ACCESS_NOT_GRANTED");
  return toState(spent);
}
