import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createTransaction, createUser, createUserWithAccount } from "@/lib/test/factories";
import {
  COUNT_LIMIT,
  decodeCursor,
  encodeCursor,
  escapeLike,
  iterateTransactions,
  listTransactions,
  normalizeQuery,
  readSearchQuery,
  SEARCH_COUNT_LIMIT,
  type TransactionCursor,
} from "./list";

const day = (n: number) => new Date(Date.UTC(2026, 0, 1 + n));

/** `count` transactions over few days, so many share a date and only the id breaks the tie. */
async function seedTransactions(bankAccountId: string, count: number) {
  await db.transaction.createMany({
    data: Array.from({ length: count }, (_, index) => ({
      bankAccountId,
      transactionId: `txn-${randomUUID()}`,
      amount: `${index + 1}.25`,
      date: day(index % 7),
      name: `Purchase ${index}`,
    })),
  });
  const all = await db.transaction.findMany({ where: { bankAccountId } });
  // The order the page must show: date desc, then id desc (UUIDs compare as PostgreSQL compares them).
  return all
    .toSorted((a, b) => b.date.getTime() - a.date.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
    .map((row) => row.id);
}

describe("listTransactions", () => {
  it("pages forward and back over ties without duplicates or gaps, in (date desc, id desc) order", async () => {
    const { user, account } = await createUserWithAccount();
    const expected = await seedTransactions(account.id, 53);
    const args = { userId: user.id, accountId: account.id, pageSize: 10 };

    const forward: string[][] = [];
    const cursors: (TransactionCursor | null)[] = [];
    let cursor: TransactionCursor | null = null;
    do {
      const page = await listTransactions({ ...args, cursor, direction: "older" });
      if (!page) throw new Error("expected a page");
      expect(page.total).toBe(53);
      expect(page.newer === null).toBe(forward.length === 0);
      forward.push(page.transactions.map((row) => row.id));
      cursors.push(page.newer);
      cursor = page.older;
    } while (cursor);
    expect(forward.map((ids) => ids.length)).toEqual([10, 10, 10, 10, 10, 3]);
    expect(forward.flat()).toEqual(expected);

    // Back from the last page with each page's "newer" cursor gives the same pages in reverse.
    const backward: string[][] = [];
    cursor = cursors.at(-1) ?? null;
    while (cursor) {
      const page = await listTransactions({ ...args, cursor, direction: "newer" });
      if (!page) throw new Error("expected a page");
      backward.unshift(page.transactions.map((row) => row.id));
      expect(page.older).not.toBeNull();
      cursor = page.newer;
    }
    expect(backward).toEqual(forward.slice(0, -1));
  });

  it("searches name and merchant case-insensitively, with % and _ matching only themselves", async () => {
    const { user, account } = await createUserWithAccount();
    const names = ["STARBUCKS #123", "50% off sale", "500 off sale", "gift_card", "giftXcard", "back\\slash"];
    for (const name of names) await createTransaction({ bankAccountId: account.id, name });
    await createTransaction({ bankAccountId: account.id, name: "SQ *COFFEE", merchantName: "Starbucks" });
    const search = async (query: string) =>
      (await listTransactions({ userId: user.id, accountId: account.id, query }))?.transactions
        .map((row) => row.name)
        .toSorted();

    expect(await search("starbucks")).toEqual(["SQ *COFFEE", "STARBUCKS #123"]);
    expect(await search("50%")).toEqual(["50% off sale"]);
    expect(await search("t_c")).toEqual(["gift_card"]);
    expect(await search("k\\s")).toEqual(["back\\slash"]);
    expect(await search("%")).toEqual(["50% off sale"]);
    expect(await search("nothing like this")).toEqual([]);
    const page = await listTransactions({ userId: user.id, accountId: account.id, query: "SALE" });
    expect(page?.total).toBe(2);
    // The count escapes the same way as the rows.
    for (const [query, total] of [
      ["50%", 1],
      ["t_c", 1],
      ["%", 1],
      ["_", 1],
    ] as const) {
      expect((await listTransactions({ userId: user.id, accountId: account.id, query }))?.total, query).toBe(total);
    }
  });

  it("is null for another user's account, whatever cursor or search is sent", async () => {
    const { account } = await createUserWithAccount();
    await createTransaction({ bankAccountId: account.id });
    const stranger = await createUser();
    expect(await listTransactions({ userId: stranger.id, accountId: account.id })).toBeNull();
    expect(await listTransactions({ userId: stranger.id, accountId: account.id, query: "%" })).toBeNull();
    expect(await listTransactions({ userId: stranger.id, accountId: "../etc" })).toBeNull();
  });

  it("lists only this account's transactions", async () => {
    const { user, connection, account } = await createUserWithAccount();
    const sibling = await db.bankAccount.create({
      data: {
        userId: user.id,
        plaidConnectionId: connection.id,
        accountId: "sibling",
        name: "Savings",
        type: "depository",
      },
    });
    await createTransaction({ bankAccountId: account.id, name: "Mine" });
    await createTransaction({ bankAccountId: sibling.id, name: "Sibling's" });
    const page = await listTransactions({ userId: user.id, accountId: account.id });
    expect(page?.transactions.map((row) => row.name)).toEqual(["Mine"]);
    expect(page).toMatchObject({ total: 1, newer: null, older: null });
  });
});

describe("listTransactions' count", () => {
  it("stops counting past COUNT_LIMIT, a search past SEARCH_COUNT_LIMIT, and says so", async () => {
    const { user, account } = await createUserWithAccount();
    // In SQL: ten thousand rows through the client would take most of the test's time.
    await db.$executeRaw`
      INSERT INTO transactions (bank_account_id, transaction_id, amount, date, name)
      SELECT ${account.id}::uuid, 'txn-' || gen_random_uuid(), 1.00, DATE '2026-01-01' + (n % 100), 'Row'
      FROM generate_series(1, ${COUNT_LIMIT + 3}) AS n`;
    const page = await listTransactions({ userId: user.id, accountId: account.id });
    expect(page).toMatchObject({ total: COUNT_LIMIT, totalIsCapped: true });
    expect(page?.transactions).toHaveLength(25);
    // A search stops at SEARCH_COUNT_LIMIT.
    const searched = await listTransactions({ userId: user.id, accountId: account.id, query: "ro" });
    expect(searched).toMatchObject({ total: SEARCH_COUNT_LIMIT, totalIsCapped: true });
    expect(searched?.transactions).toHaveLength(25);
    const small = await createUserWithAccount();
    await createTransaction({ bankAccountId: small.account.id });
    expect(await listTransactions({ userId: small.user.id, accountId: small.account.id })).toMatchObject({
      total: 1,
      totalIsCapped: false,
    });
  });
});

describe("iterateTransactions", () => {
  it("yields every matching row once, newest first, in batches", async () => {
    const { user, account } = await createUserWithAccount();
    const expected = await seedTransactions(account.id, 23);
    const read = async (userId: string) => {
      const batches: string[][] = [];
      for await (const batch of iterateTransactions({ userId, accountId: account.id, batchSize: 5 })) {
        batches.push(batch.map((row) => row.id));
      }
      return batches;
    };
    const batches = await read(user.id);
    expect(batches.map((batch) => batch.length)).toEqual([5, 5, 5, 5, 3]);
    expect(batches.flat()).toEqual(expected);
    expect(await read((await createUser()).id)).toEqual([]);
  });
});

describe("cursors and escaping", () => {
  it("round-trips a cursor and rejects malformed ones", () => {
    const id = randomUUID();
    expect(decodeCursor(encodeCursor({ date: "2026-11-01", id }))).toEqual({ date: "2026-11-01", id });
    for (const bad of [undefined, "", "2026-11-01", `2026-02-31_${id}`, "2026-11-01_1 OR 1=1", ["x"]]) {
      expect(decodeCursor(bad)).toBeNull();
    }
  });

  it("escapes LIKE's wildcards and its escape character", () => {
    expect(escapeLike("50%_off\\")).toBe("50\\%\\_off\\\\");
  });

  it("normalizes a search: trimmed, NUL characters dropped, at most 100 characters", () => {
    expect(normalizeQuery("  caf\u0000e \u0000")).toBe("cafe");
    expect(normalizeQuery("x".repeat(150))).toHaveLength(100);
    expect(normalizeQuery(["rent"])).toBe("");
  });
});

describe("readSearchQuery", () => {
  it("takes a search as typed, trimmed and in one Unicode form; none is no search", () => {
    expect(readSearchQuery("  Starbucks ")).toEqual({ query: "Starbucks" });
    expect(readSearchQuery("Cafe\u0301")).toEqual({ query: "Café" });
    expect(readSearchQuery(null)).toEqual({ query: "" });
    expect(readSearchQuery(undefined)).toEqual({ query: "" });
  });

  it.each([
    [
      "a NUL byte",
      "abc\u0000",
      "Remove the control characters (like a tab, a line break or a NUL byte) from the search.",
    ],
    ["an override", "abc\u202E", "Remove the text-direction override characters from the search."],
    ["too long a search", "a".repeat(101), "Search for at most 100 characters."],
    ["two searches", ["a", "b"], "Search for one piece of text."],
  ])("refuses %s with a message", (_case, value, error) => {
    expect(readSearchQuery(value)).toEqual({ error });
  });
});
