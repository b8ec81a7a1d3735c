// The stand-in's calls to the emulator's Link endpoints. As with Plaid's own Link, the link token is the
// only credential; a failure comes back as Plaid's error object, so its display_message can be shown.
import type { PlaidLinkError, StandInInstitution } from "./link-types";

export type StandInError = PlaidLinkError & { request_id: string };

export type StandInResult<T> = { ok: true; data: T & { request_id?: string } } | { ok: false; error: StandInError };

export type StandInSession = {
  mode: "create" | "update";
  institution: StandInInstitution | null;
  /** Whether Link shows its account selection pane after the login. */
  account_selection: boolean;
  link_session_id: string;
};

/** An account in Link's selection pane; `shared` when the person shares it with the app already. */
export type StandInSelectableAccount = {
  id: string;
  name: string;
  mask: string | null;
  type: string;
  subtype: string | null;
  shared: boolean;
};

export type StandInLogin = {
  public_token: string;
  institution: { institution_id: string; name: string };
  accounts: {
    id: string;
    name: string;
    mask: string | null;
    type: string;
    subtype: string | null;
    verification_status: string | null;
  }[];
  /** After a login: every account of the item, for the selection pane. */
  selectable_accounts?: StandInSelectableAccount[];
  link_session_id: string;
};

/** /link/oauth/start: the OAuth bank's consent page to send the person to. */
export type StandInOAuthStart = { oauth_url: string };

const UNREACHABLE: StandInError = {
  error_type: "API_ERROR",
  error_code: "INTERNAL_SERVER_ERROR",
  error_message: "the Plaid emulator could not be reached",
  display_message: "Something went wrong. Please try again later.",
  request_id: "",
};

function isPlaidErrorBody(body: unknown): body is StandInError {
  return typeof body === "object" && body !== null && typeof (body as StandInError).error_code === "string";
}

export async function callStandIn<T>(baseUrl: string, path: string, body: object): Promise<StandInResult<T>> {
  let response: Response;
  let json: unknown;
  try {
    response = await fetch(`${baseUrl}/link/${path}`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
    json = await response.json();
  } catch {
    return { ok: false, error: UNREACHABLE };
  }
  if (response.ok && !isPlaidErrorBody(json)) return { ok: true, data: json as T & { request_id?: string } };
  return { ok: false, error: isPlaidErrorBody(json) ? { ...json, request_id: json.request_id ?? "" } : UNREACHABLE };
}
