// OAuth through the Link stand-in (consent page, redirect, completion on the return page), link token
// validation of redirect_uri, country_codes and language, countries in institution search, currencies
// of European items, and link token expiry.
import { CountryCode } from "plaid";
import { describe, expect, it } from "vitest";
import { useEmulatorServer } from "./test-support/test-store.ts";
import { plaidFailure } from "./testing.ts";

const server = useEmulatorServer();
const REDIRECT = "http://localhost:3000/oauth-return";

async function createLinkToken(overrides: Record<string, unknown> = {}) {
  const answer = await server.post("/link/token/create", {
    client_name: "Mingus",
    language: "en",
    country_codes: ["US", "GB", "ES"],
    user: { client_user_id: "oauth-user" },
    products: ["transactions"],
    redirect_uri: REDIRECT,
    ...overrides,
  });
  return answer;
}

async function linkToken(overrides: Record<string, unknown> = {}): Promise<string> {
  const answer = await createLinkToken(overrides);
  expect(answer.status).toBe(200);
  return String(answer.body.link_token);
}

/** Link's OAuth hand-off up to the bank's redirect: the consent page, answered, and where it sent us. */
async function consent(token: string, institutionId: string, decision: "allow" | "deny") {
  const start = await server.post("/link/oauth/start", {
    link_token: token,
    link_session_id: "session-1",
    institution_id: institutionId,
  });
  expect(start.status).toBe(200);
  const oauthUrl = new URL(String(start.body.oauth_url));
  expect(`${oauthUrl.origin}${oauthUrl.pathname}`).toBe(`${server.url}/oauth/authorize`);
  const page = await fetch(oauthUrl);
  expect(page.headers.get("content-type")).toMatch(/^text\/html/);
  const html = await page.text();
  const state = oauthUrl.searchParams.get("state") ?? "";
  const answered = await fetch(oauthUrl, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ state, decision }),
    redirect: "manual",
  });
  return { html, answered, location: answered.headers.get("location") ?? "" };
}

const complete = (token: string, receivedRedirectUri: string) =>
  server.post("/link/oauth/complete", {
    link_token: token,
    link_session_id: "session-2",
    received_redirect_uri: receivedRedirectUri,
  });

describe("/link/token/create", () => {
  it.each([
    ["ftp://bank.example/return", "redirect_uri"],
    ["http://app.example/oauth-return", "redirect_uri"],
    ["https://app.example/oauth-return?next=1", "redirect_uri"],
    ["not a url", "redirect_uri"],
  ])("refuses redirect_uri %j with INVALID_FIELD", async (redirect_uri, field) => {
    const answer = await createLinkToken({ redirect_uri });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ error_type: "INVALID_REQUEST", error_code: "INVALID_FIELD" });
    expect(String(answer.body.error_message)).toContain(field);
  });

  it("accepts https anywhere and http on localhost or 127.0.0.1", async () => {
    for (const redirect_uri of ["https://mingus.example/oauth-return", REDIRECT, "http://127.0.0.1:4000/r"]) {
      expect((await createLinkToken({ redirect_uri })).status).toBe(200);
    }
  });

  it("refuses an unknown country or language with INVALID_FIELD", async () => {
    const country = await createLinkToken({ country_codes: ["US", "XX"] });
    expect(country.body).toMatchObject({ error_code: "INVALID_FIELD" });
    expect(String(country.body.error_message)).toContain("country_codes[1]");
    const language = await createLinkToken({ language: "tlh" });
    expect(language.body).toMatchObject({ error_code: "INVALID_FIELD" });
  });

  it("expires tokens on request, after which Link and the hook answer INVALID_LINK_TOKEN", async () => {
    const token = await linkToken();
    expect((await server.post("/link/session", { link_token: token })).status).toBe(200);
    const expired = await server.post("/emulator/link_tokens/expire", { link_token: token });
    expect(expired.body).toMatchObject({ link_token: token, expired: true });
    const session = await server.post("/link/session", { link_token: token });
    expect(session.body).toMatchObject({ error_type: "INVALID_INPUT", error_code: "INVALID_LINK_TOKEN" });
    const again = await server.post("/emulator/link_tokens/expire", { link_token: token });
    expect(again.body).toMatchObject({ error_code: "INVALID_LINK_TOKEN" });
  });
});

describe("countries", () => {
  it("show Link only the link token's countries' institutions", async () => {
    const names = async (country_codes: string[]) => {
      const token = await linkToken({ country_codes });
      const answer = await server.post("/link/institutions", { link_token: token, query: "" });
      return (answer.body.institutions as { name: string; oauth: boolean }[]).map((i) => [i.name, i.oauth]);
    };
    expect(await names(["GB"])).toEqual([["Royal Bank of Plaid", true]]);
    expect(await names(["US"])).not.toContainEqual(["Royal Bank of Plaid", true]);
    expect(await names(["US"])).toContainEqual(["Platypus OAuth Bank", true]);
    expect(await names(["ES", "NL"])).toEqual([["Banco Ornitorrinco", true]]);
  });

  it("filter /institutions/search and /institutions/get_by_id by country_codes", async () => {
    const search = await server.api.institutionsSearch({ query: "plaid", country_codes: [CountryCode.Gb] });
    expect(search.data.institutions.map((institution) => institution.institution_id)).toEqual(["ins_117650"]);
    const found = await server.api.institutionsGetById({
      institution_id: "ins_130960",
      country_codes: [CountryCode.Es],
    });
    expect(found.data.institution).toMatchObject({ oauth: true, country_codes: ["ES"] });
    const elsewhere = await plaidFailure(
      server.api.institutionsGetById({ institution_id: "ins_130960", country_codes: [CountryCode.Us] }),
    );
    expect(elsewhere.body.error_code).toBe("INSTITUTION_NOT_FOUND");
  });

  it("refuses an institution outside the token's countries at login", async () => {
    const token = await linkToken({ country_codes: ["GB"] });
    const login = await server.post("/link/oauth/start", {
      link_token: token,
      link_session_id: "s",
      institution_id: "ins_127287",
    });
    expect(login.body).toMatchObject({ error_code: "INVALID_INSTITUTION" });
  });
});

describe("OAuth through the stand-in", () => {
  it("links at Platypus OAuth Bank only through the consent page and the return", async () => {
    const token = await linkToken();
    // Credentials are never asked of an OAuth bank.
    const password = await server.post("/link/login", {
      link_token: token,
      link_session_id: "s",
      institution_id: "ins_127287",
      username: "user_good",
      password: "pass_good",
    });
    expect(password.body).toMatchObject({ error_code: "INVALID_INSTITUTION" });

    const { html, answered, location } = await consent(token, "ins_127287", "allow");
    expect(html).toContain("Platypus OAuth Bank wants to share your accounts with Mingus");
    expect(html).toMatch(/<button[^>]*>Allow<\/button>/);
    expect(html).toMatch(/<button[^>]*>Deny<\/button>/);
    expect(answered.status).toBe(303);
    const back = new URL(location);
    expect(`${back.origin}${back.pathname}`).toBe(REDIRECT);
    const stateId = back.searchParams.get("oauth_state_id") ?? "";
    expect(stateId).not.toBe("");

    // Another link token cannot spend this state.
    const other = await linkToken();
    expect((await complete(other, location)).body).toMatchObject({
      error_type: "OAUTH_ERROR",
      error_code: "INCORRECT_LINK_TOKEN",
    });

    const done = await complete(token, location);
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({
      institution: { institution_id: "ins_127287", name: "Platypus OAuth Bank" },
      link_session_id: "session-2",
    });
    expect(done.body.accounts).toHaveLength(9);
    const exchanged = await server.api.itemPublicTokenExchange({ public_token: String(done.body.public_token) });
    const accounts = await server.api.accountsGet({ access_token: exchanged.data.access_token });
    expect(accounts.data.item.institution_id).toBe("ins_127287");

    // Once only.
    expect((await complete(token, location)).body).toMatchObject({ error_code: "OAUTH_STATE_ID_ALREADY_PROCESSED" });
  });

  it("answers ACCESS_NOT_GRANTED after Deny, and creates nothing", async () => {
    const token = await linkToken({ user: { client_user_id: "denier" } });
    const { answered, location } = await consent(token, "ins_127287", "deny");
    expect(answered.status).toBe(303);
    const denied = await complete(token, location);
    expect(denied.body).toMatchObject({
      error_type: "ITEM_ERROR",
      error_code: "ACCESS_NOT_GRANTED",
      display_message: "The user did not grant the necessary permissions for their account.",
    });
    expect((await server.post("/emulator/items/list", { client_user_id: "denier" })).body.items).toEqual([]);
  });

  it("requires a redirect_uri on the link token, and the token's own redirect back", async () => {
    const bare = await linkToken({ redirect_uri: undefined });
    const start = await server.post("/link/oauth/start", {
      link_token: bare,
      link_session_id: "s",
      institution_id: "ins_127287",
    });
    expect(start.body).toMatchObject({ error_code: "INVALID_FIELD" });
    expect(String(start.body.error_message)).toContain("redirect_uri");

    const token = await linkToken();
    const { location } = await consent(token, "ins_127287", "allow");
    const elsewhere = location.replace("/oauth-return", "/elsewhere");
    expect((await complete(token, elsewhere)).body).toMatchObject({ error_code: "INVALID_FIELD" });
    expect((await complete(token, REDIRECT)).body).toMatchObject({ error_code: "INVALID_FIELD" });
  });

  it("repairs an OAuth item in update mode, and gives GBP and EUR accounts at European banks", async () => {
    for (const [institutionId, currency] of [
      ["ins_117650", "GBP"],
      ["ins_130960", "EUR"],
    ] as const) {
      const token = await linkToken();
      const { location } = await consent(token, institutionId, "allow");
      const done = await complete(token, location);
      const { access_token, item_id } = (
        await server.api.itemPublicTokenExchange({ public_token: String(done.body.public_token) })
      ).data;
      const { accounts } = (await server.api.accountsGet({ access_token })).data;
      expect(new Set(accounts.map((account) => account.balances.iso_currency_code))).toEqual(new Set([currency]));
      const synced = await server.api.transactionsSync({ access_token, count: 50 });
      expect(synced.data.added.length).toBeGreaterThan(0);
      expect(new Set(synced.data.added.map((transaction) => transaction.iso_currency_code))).toEqual(
        new Set([currency]),
      );

      await server.post("/emulator/items/reset_login", { item_id });
      const update = await linkToken({ products: undefined, access_token });
      const session = await server.post("/link/session", { link_token: update });
      expect(session.body).toMatchObject({
        mode: "update",
        institution: { institution_id: institutionId, oauth: true },
      });
      // Update mode stays at the item's own bank.
      const wrongBank = await server.post("/link/oauth/start", {
        link_token: update,
        link_session_id: "s",
        institution_id: "ins_127287",
      });
      expect(wrongBank.body).toMatchObject({ error_code: "INVALID_INSTITUTION" });
      const repaired = await complete(update, (await consent(update, institutionId, "allow")).location);
      expect(repaired.status).toBe(200);
      const item = await server.api.itemGet({ access_token });
      expect(item.data.item.error).toBeNull();
    }
  });

  it("shows a plain error page for an unknown state, and refuses a made-up decision", async () => {
    const unknown = await fetch(`${server.url}/oauth/authorize?state=nope`);
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toContain("This bank sign-in cannot continue");
    const odd = await fetch(`${server.url}/oauth/authorize`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "state=nope&decision=maybe",
    });
    expect(odd.status).toBe(400);
  });
});
