// Every error the emulator promises, with Plaid's HTTP status, error_type and complete error object:
// request errors, token errors, sandbox login errors, and the faults (errors, 429s with Retry-After,
// latency, counts, scoping) that tests and demos inject.
import { Configuration, CountryCode, PlaidApi, Products } from "plaid";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { clearFaults } from "./faults.ts";
import { missingKeys, RESPONSE_KEYS } from "./response-keys.ts";
import { testStore } from "./test-support/test-store.ts";
import { type EmulatorServer, linkSandboxItem, plaidFailure, type RawAnswer, startEmulatorServer } from "./testing.ts";

let server: EmulatorServer;
let item: { access_token: string; item_id: string };

const linkItem = () => linkSandboxItem(server.api);

beforeAll(async () => {
  server = await startEmulatorServer({ store: testStore() });
  item = await linkItem();
});

beforeEach(async () => {
  await clearFaults(testStore());
});

afterAll(async () => {
  await server.close();
});

/** A complete Plaid error of this code, type and status. */
function expectPlaidError(answer: RawAnswer, status: number, type: string, code: string) {
  expect(answer.status).toBe(status);
  expect(answer.body).toMatchObject({ error_type: type, error_code: code, status });
  expect(missingKeys(answer.body, RESPONSE_KEYS.PlaidError)).toEqual([]);
  expect(answer.body.request_id).toMatch(/^[A-Za-z0-9]{15}$/);
}

describe("request errors", () => {
  it("answers INVALID_API_KEYS without a client_id or secret, and accepts them in the body", async () => {
    const keyless = new PlaidApi(new Configuration({ basePath: server.url }));
    const failure = await plaidFailure(keyless.itemGet({ access_token: item.access_token }));
    expectPlaidError(failure, 400, "INVALID_INPUT", "INVALID_API_KEYS");
    expect(failure.body.error_message).toBe("invalid client_id or secret provided");
    const blankSecret = await server.post(
      "/item/get",
      { access_token: item.access_token },
      { headers: { "PLAID-SECRET": "" } },
    );
    expectPlaidError(blankSecret, 400, "INVALID_INPUT", "INVALID_API_KEYS");
    const inBody = await server.post(
      "/item/get",
      { client_id: "someone", secret: "anything", access_token: item.access_token },
      { headers: { "PLAID-CLIENT-ID": "", "PLAID-SECRET": "" } },
    );
    expect(inBody.status).toBe(200);
  });

  it("answers INVALID_BODY for what is not a JSON object", async () => {
    for (const body of ["{not json", "[1, 2]", "42"]) {
      const answer = await server.post("/item/get", body);
      expectPlaidError(answer, 400, "INVALID_REQUEST", "INVALID_BODY");
      expect(answer.body.error_message).toBe("body could not be parsed as JSON");
    }
    const plainText = await server.post("/item/get", "{}", { headers: { "Content-Type": "text/plain" } });
    expectPlaidError(plainText, 400, "INVALID_REQUEST", "INVALID_BODY");
  });

  it("names every missing field in MISSING_FIELDS", async () => {
    const exchange = await server.post("/item/public_token/exchange", {});
    expectPlaidError(exchange, 400, "INVALID_REQUEST", "MISSING_FIELDS");
    expect(exchange.body.error_message).toBe("the following required fields are missing: public_token");
    const linkToken = await server.post("/link/token/create", { language: "en" });
    expect(linkToken.body.error_message).toBe(
      "the following required fields are missing: client_name, country_codes, user",
    );
    // Products may be left out only in update mode (with an access_token).
    const noProducts = await plaidFailure(
      server.api.linkTokenCreate({
        client_name: "Mingus",
        language: "en",
        country_codes: [CountryCode.Us],
        user: { client_user_id: "u" },
      }),
    );
    expectPlaidError(noProducts, 400, "INVALID_REQUEST", "MISSING_FIELDS");
    expect(noProducts.body.error_message).toBe("the following required fields are missing: products");
  });

  it("names the bad field in INVALID_FIELD", async () => {
    const base = {
      client_name: "Mingus",
      language: "en",
      country_codes: ["US"],
      user: { client_user_id: "u" },
      products: ["transactions"],
    };
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ language: "xx" }, /^language /],
      [{ country_codes: ["ZZ"] }, /^country_codes\[0\] /],
      [{ products: ["nonsense"] }, /^products\[0\] /],
      [{ webhook: "not a url" }, /^webhook /],
      [{ user: { client_user_id: "" } }, /^user\.client_user_id /],
    ];
    for (const [change, message] of cases) {
      const answer = await server.post("/link/token/create", { ...base, ...change });
      expectPlaidError(answer, 400, "INVALID_REQUEST", "INVALID_FIELD");
      expect(answer.body.error_message).toMatch(message);
    }
  });

  it("answers NOT_FOUND for an unknown path and 405 for another method", async () => {
    expectPlaidError(await server.post("/item/nothing", {}), 404, "INVALID_REQUEST", "NOT_FOUND");
    const get = await server.post("/item/get", null, { method: "GET" });
    expectPlaidError(get, 405, "INVALID_REQUEST", "METHOD_NOT_ALLOWED");
    expect(get.headers.get("allow")).toBe("POST");
  });
});

describe("token errors", () => {
  it("answers INVALID_ACCESS_TOKEN for unknown or malformed tokens, without echoing them", async () => {
    for (const token of ["access-sandbox-00000000-0000-0000-0000-000000000000", "secret-looking-garbage"]) {
      const failure = await plaidFailure(server.api.accountsGet({ access_token: token }));
      expectPlaidError(failure, 400, "INVALID_INPUT", "INVALID_ACCESS_TOKEN");
      expect(JSON.stringify(failure.body)).not.toContain(token);
    }
  });

  it("answers INVALID_PUBLIC_TOKEN for a used and for an expired public token", async () => {
    const { data } = await server.api.sandboxPublicTokenCreate({
      institution_id: "ins_109509",
      initial_products: [Products.Transactions],
    });
    const later = await startEmulatorServer({ store: testStore(), clock: () => new Date(Date.now() + 31 * 60_000) });
    try {
      const expired = await plaidFailure(later.api.itemPublicTokenExchange({ public_token: data.public_token }));
      expectPlaidError(expired, 400, "INVALID_INPUT", "INVALID_PUBLIC_TOKEN");
    } finally {
      await later.close();
    }
    await server.api.itemPublicTokenExchange({ public_token: data.public_token });
    const reused = await plaidFailure(server.api.itemPublicTokenExchange({ public_token: data.public_token }));
    expectPlaidError(reused, 400, "INVALID_INPUT", "INVALID_PUBLIC_TOKEN");
    expect(reused.body.error_message).toBe("could not find matching public token");
  });

  it("answers INVALID_LINK_TOKEN to the Link stand-in for an unknown link token", async () => {
    const answer = await server.post("/link/session", { link_token: "link-sandbox-unknown" });
    expectPlaidError(answer, 400, "INVALID_INPUT", "INVALID_LINK_TOKEN");
  });
});

describe("sandbox logins and institutions", () => {
  const create = (password: string, institutionId = "ins_109508") =>
    plaidFailure(
      server.api.sandboxPublicTokenCreate({
        institution_id: institutionId,
        initial_products: [Products.Transactions],
        options: { override_username: "user_good", override_password: password },
      }),
    );

  it("fails a login with the error its password names", async () => {
    const down = await create("error_INSTITUTION_DOWN");
    expectPlaidError(down, 400, "INSTITUTION_ERROR", "INSTITUTION_DOWN");
    expect(down.body.display_message).toBe(
      "This financial institution is not currently responding to requests. We apologize for the inconvenience.",
    );
    expectPlaidError(
      await create("error_INSTITUTION_NOT_RESPONDING"),
      400,
      "INSTITUTION_ERROR",
      "INSTITUTION_NOT_RESPONDING",
    );
    expectPlaidError(await create("error_INTERNAL_SERVER_ERROR"), 500, "API_ERROR", "INTERNAL_SERVER_ERROR");
    expectPlaidError(await create("error_NO_SUCH_CODE"), 400, "ITEM_ERROR", "INVALID_CREDENTIALS");
    expectPlaidError(await create("wrong"), 400, "ITEM_ERROR", "INVALID_CREDENTIALS");
  });

  it("knows only the sandbox institutions", async () => {
    expectPlaidError(await create("pass_good", "ins_1"), 400, "INVALID_INPUT", "INVALID_INSTITUTION");
    const failure = await plaidFailure(
      server.api.institutionsGetById({ institution_id: "ins_1", country_codes: [CountryCode.Us] }),
    );
    expectPlaidError(failure, 400, "INSTITUTION_ERROR", "INSTITUTION_NOT_FOUND");
  });

  it("answers SANDBOX_WEBHOOK_INVALID when the item has no webhook", async () => {
    const failure = await plaidFailure(
      server.api.sandboxItemFireWebhook({
        access_token: item.access_token,
        webhook_code: "SYNC_UPDATES_AVAILABLE" as never,
      }),
    );
    expectPlaidError(failure, 400, "SANDBOX_ERROR", "SANDBOX_WEBHOOK_INVALID");
  });
});

describe("injected faults", () => {
  const addFault = (fault: Record<string, unknown>) => server.post("/emulator/faults", fault);

  it("fails the chosen endpoint of the chosen item for the next N calls, then lets it through", async () => {
    const added = await addFault({
      item_id: item.item_id,
      endpoint: "accounts/get",
      error_code: "INSTITUTION_NOT_RESPONDING",
      remaining: 2,
    });
    expect(added.body.fault).toMatchObject({
      endpoint: "/accounts/get",
      remaining: 2,
      error_code: "INSTITUTION_NOT_RESPONDING",
    });
    const other = await linkItem();
    for (let call = 0; call < 2; call++) {
      const failure = await plaidFailure(server.api.accountsGet({ access_token: item.access_token }));
      expectPlaidError(failure, 400, "INSTITUTION_ERROR", "INSTITUTION_NOT_RESPONDING");
      await server.api.accountsGet({ access_token: other.access_token });
      await server.api.itemGet({ access_token: item.access_token });
    }
    expect((await server.api.accountsGet({ access_token: item.access_token })).status).toBe(200);
    expect((await server.post("/emulator/faults/list", {})).body.faults).toEqual([]);
  });

  it("answers the 429 family with Retry-After", async () => {
    await addFault({
      endpoint: "/transactions/sync",
      error_code: "TRANSACTIONS_SYNC_LIMIT",
      retry_after_seconds: 7,
      rate: 1,
    });
    const failure = await plaidFailure(server.api.transactionsSync({ access_token: item.access_token }));
    expectPlaidError(failure, 429, "RATE_LIMIT_EXCEEDED", "TRANSACTIONS_SYNC_LIMIT");
    expect(failure.headers.get("retry-after")).toBe("7");
    await addFault({ error_code: "ACCOUNTS_BALANCE_GET_LIMIT", endpoint: "/accounts/balance/get" });
    const balance = await plaidFailure(server.api.accountsBalanceGet({ access_token: item.access_token }));
    expectPlaidError(balance, 429, "RATE_LIMIT_EXCEEDED", "ACCOUNTS_BALANCE_GET_LIMIT");
    expect(balance.headers.get("retry-after")).toBeNull();
  });

  it("fails every endpoint with INSTITUTION_DOWN or INTERNAL_SERVER_ERROR, and clears", async () => {
    await addFault({ error_code: "INSTITUTION_DOWN" });
    expectPlaidError(
      await plaidFailure(server.api.itemGet({ access_token: item.access_token })),
      400,
      "INSTITUTION_ERROR",
      "INSTITUTION_DOWN",
    );
    expect((await server.post("/emulator/faults/clear", {})).body.cleared).toBe(1);
    await addFault({ error_code: "INTERNAL_SERVER_ERROR", endpoint: "/item/get" });
    expectPlaidError(
      await plaidFailure(server.api.itemGet({ access_token: item.access_token })),
      500,
      "API_ERROR",
      "INTERNAL_SERVER_ERROR",
    );
  });

  it("adds latency", async () => {
    await addFault({ endpoint: "/item/get", latency_ms: 300, remaining: 1 });
    const started = performance.now();
    await server.api.itemGet({ access_token: item.access_token });
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    const again = performance.now();
    await server.api.itemGet({ access_token: item.access_token });
    expect(performance.now() - again).toBeLessThan(290);
  });

  it("refuses bad faults and callers without keys", async () => {
    expectPlaidError(await addFault({ error_code: "NOT_A_CODE" }), 400, "INVALID_REQUEST", "INVALID_FIELD");
    expectPlaidError(await addFault({ rate: 1.5 }), 400, "INVALID_REQUEST", "INVALID_FIELD");
    const keyless = await server.post(
      "/emulator/faults",
      { error_code: "RATE_LIMIT" },
      { headers: { "PLAID-CLIENT-ID": "" } },
    );
    expectPlaidError(keyless, 400, "INVALID_INPUT", "INVALID_API_KEYS");
  });
});
