// The emulator under concurrent calls on one item, as a busy app (or two app processes) makes them:
// refreshes take turns instead of replaying the same changes (and with transactions a test creates,
// whose balances still add up), a public token is exchanged once, and a counted fault fires exactly as
// many times as it was set to; webhooks signed while the first key is made all verify.
import { decodeProtectedHeader, importJWK, jwtVerify } from "jose";
import type { Transaction } from "plaid";
import { describe, expect, it } from "vitest";
import { createFault } from "./faults.ts";
import { readEvents, readItem } from "./test-support/read-state.ts";
import { testStore, useEmulatorServer } from "./test-support/test-store.ts";
import { createSandboxPublicToken, linkSandboxItem, plaidFailure } from "./testing.ts";
import { signWebhookBody } from "./webhooks.ts";

const server = useEmulatorServer();

describe("the first webhook signing key", () => {
  // Runs first, on this file's fresh database: no key exists yet, so each signer may make one. Two
  // keys are harmless (each is served under its own kid); a webhook its receiver cannot verify is not.
  it("verifies every webhook signed while several callers create the first key at once", async () => {
    const bodies = ["a", "b", "c", "d"].map((code) => JSON.stringify({ webhook_code: code }));
    const tokens = await Promise.all(bodies.map((body) => signWebhookBody(testStore(), { body })));
    for (const token of tokens) {
      const { kid } = decodeProtectedHeader(token);
      const { data } = await server.api.webhookVerificationKeyGet({ key_id: String(kid) });
      await expect(jwtVerify(token, await importJWK(data.key, "ES256"))).resolves.toBeDefined();
    }
  });
});

describe("concurrent calls on one item", () => {
  it("runs concurrent /transactions/refresh calls one after the other, never replaying a change", async () => {
    const { access_token, item_id } = await linkSandboxItem(server.api, {
      override_username: "user_transactions_dynamic",
    });
    await Promise.all([1, 2, 3].map(() => server.api.transactionsRefresh({ access_token })));

    const item = await readItem(item_id);
    expect(item.refreshCount).toBe(3);
    const events = await readEvents(item_id);
    // Sequence numbers are gapless and end at the item's counter.
    expect(events.map((event) => Number(event.seq))).toEqual(events.map((_, index) => index + 1));
    expect(Number(item.transactionsSeq)).toBe(events.length);
    // A transaction is added once and removed at most once: a replayed refresh would add the same
    // posted transaction (and remove the same pending one) twice.
    for (const kind of ["added", "removed"]) {
      const ids = events.filter((event) => event.kind === kind).map((event) => event.transactionId);
      expect(new Set(ids).size, `${kind} twice`).toBe(ids.length);
    }
  });

  it("keeps the log and the balances consistent when created transactions race refreshes", async () => {
    const { access_token, item_id } = await linkSandboxItem(server.api, {
      override_username: "user_transactions_dynamic",
    });
    const start = await readItem(item_id);
    const historyLength = Number(start.transactionsSeq);
    const created = (amount: number) =>
      server.post("/emulator/items/transactions/create", {
        item_id,
        transactions: [{ amount, description: `RACE ${amount}` }],
      });
    const today = new Date().toISOString().slice(0, 10);
    const answers = await Promise.all([
      server.api.transactionsRefresh({ access_token }),
      created(12.34),
      server.api.sandboxTransactionsCreate({
        access_token,
        transactions: [{ date_transacted: today, date_posted: today, amount: 7.5, description: "RACE PLAID" }],
      }),
      server.api.transactionsRefresh({ access_token }),
      created(-3.21),
      server.api.transactionsRefresh({ access_token }),
    ]);
    expect(answers.every((answer) => answer.status === 200)).toBe(true);

    const item = await readItem(item_id);
    const events = await readEvents(item_id);
    expect(events.map((event) => Number(event.seq))).toEqual(events.map((_, index) => index + 1));
    expect(Number(item.transactionsSeq)).toBe(events.length);
    const raced = events.filter((event) => (event.payload as { name?: string } | null)?.name?.startsWith("RACE"));
    expect(raced).toHaveLength(3);

    // Replaying the log since creation from the starting balances gives the balances stored: no change
    // was computed from balances another one had already moved on.
    const expected = new Map(
      start.accounts.map((account) => [
        account.account_id,
        {
          account,
          current: Math.round((account.balances.current ?? 0) * 100),
          available: Math.round((account.balances.available ?? 0) * 100),
        },
      ]),
    );
    const last = new Map<string, Transaction>();
    for (const event of events) {
      const transaction = (event.payload as unknown as Transaction | null) ?? last.get(event.transactionId);
      if (Number(event.seq) > historyLength && transaction) {
        const balance = expected.get(event.accountId);
        if (!balance) throw new Error("an event on an account the item does not have");
        const sign = event.kind === "added" ? 1 : event.kind === "removed" ? -1 : 0;
        const cents = sign * Math.round(transaction.amount * 100);
        const owed = balance.account.type === "credit" || balance.account.type === "loan";
        balance.available -= cents;
        if (!transaction.pending) balance.current += owed ? cents : -cents;
      }
      if (event.payload) last.set(event.transactionId, event.payload as unknown as Transaction);
    }
    for (const account of item.accounts) {
      const balance = expected.get(account.account_id);
      expect(Math.round((account.balances.current ?? 0) * 100), account.name).toBe(balance?.current);
      if (account.balances.available !== null) {
        expect(Math.round(account.balances.available * 100), account.name).toBe(balance?.available);
      }
    }
  });

  it("exchanges a public token once when two exchanges race", async () => {
    const public_token = await createSandboxPublicToken(server.api);
    const outcomes = await Promise.allSettled([
      server.api.itemPublicTokenExchange({ public_token }),
      server.api.itemPublicTokenExchange({ public_token }),
    ]);
    expect(outcomes.filter((outcome) => outcome.status === "fulfilled")).toHaveLength(1);
    const rejected = outcomes.find((outcome) => outcome.status === "rejected");
    const failure = await plaidFailure(Promise.reject(rejected?.reason));
    expect(failure.body.error_code).toBe("INVALID_PUBLIC_TOKEN");
  });

  it("fires a counted fault exactly `remaining` times under concurrent calls", async () => {
    const { access_token, item_id } = await linkSandboxItem(server.api);
    await createFault(testStore(), {
      item_id,
      endpoint: "/accounts/get",
      error_code: "INSTITUTION_DOWN",
      remaining: 3,
    });
    const outcomes = await Promise.allSettled(
      Array.from({ length: 8 }, () => server.api.accountsGet({ access_token })),
    );
    expect(outcomes.filter((outcome) => outcome.status === "rejected")).toHaveLength(3);
    const left = await testStore().query("SELECT id FROM plaid_emulator.faults WHERE item_id = $1", [item_id]);
    expect(left).toHaveLength(0);
  });
});
