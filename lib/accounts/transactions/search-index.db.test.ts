// The search box's queries are answered from the trigram index (idx_transactions_search_trgm): the
// SQL listTransactions really sends is captured from a logging Prisma client on the same database and
// explained there.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { describe, expect, it } from "vitest";
import { db, getBackend } from "@/lib/db";
import { PrismaClient } from "@/lib/db/generated/client";
import { createUserWithAccount } from "@/lib/test/factories";
import { listTransactions } from "./list";

const INDEX = "idx_transactions_search_trgm";

/** Runs fn with the process's client swapped for one that records every statement it sends. */
async function capturingQueries(fn: () => Promise<unknown>): Promise<{ sql: string; params: unknown[] }[]> {
  const backend = getBackend();
  const adapter =
    backend.kind === "embedded" ? new PrismaPGlite(backend.pglite) : new PrismaPg({ connectionString: backend.url });
  const logging = new PrismaClient({ adapter, log: [{ emit: "event", level: "query" }] });
  const queries: { sql: string; params: unknown[] }[] = [];
  logging.$on("query", (event) => queries.push({ sql: event.query, params: JSON.parse(event.params) }));
  const original = backend.client;
  backend.client = logging;
  try {
    await fn();
  } finally {
    backend.client = original;
    await logging.$disconnect();
  }
  return queries;
}

/**
 * The plan with sequential scans priced out: a test-sized table is cheaper to read whole, which says
 * nothing about a long history. The planner still has idx_transactions_account_date to walk instead,
 * so the trigram index appears only when the query's expressions match it.
 */
async function plan(sql: string, params: unknown[]): Promise<string> {
  return db.$transaction(async (tx) => {
    await tx.$executeRawUnsafe("SET LOCAL enable_seqscan = off");
    const rows = await tx.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(`EXPLAIN ${sql}`, ...params);
    return rows.map((row) => row["QUERY PLAN"]).join("\n");
  });
}

describe("transaction search", () => {
  it("uses the trigram index for the page and the count of a search", async () => {
    const { user, account } = await createUserWithAccount();
    // A history long enough that walking it costs more than the index: 20,000 rows, one of them the match.
    await db.$executeRawUnsafe(
      `INSERT INTO transactions (bank_account_id, transaction_id, amount, date, name, merchant_name)
       SELECT $1::uuid, 'search-' || $1 || '-' || i, 1, DATE '2026-01-01' + (i % 300),
              CASE WHEN i = 1234 THEN 'CARD 1234 ZEPHYRINE BAKERY' ELSE 'CARD ' || i || ' GROCERY ' || (i % 97) END,
              CASE WHEN i % 4 = 0 THEN NULL ELSE 'Grocer ' || (i % 97) END
       FROM generate_series(1, 20000) i`,
      account.id,
    );
    // As autovacuum would: statistics, and the index's pending list (fresh GIN entries) merged into it.
    await db.$executeRawUnsafe("VACUUM ANALYZE transactions");

    let page: Awaited<ReturnType<typeof listTransactions>> = null;
    const queries = await capturingQueries(async () => {
      page = await listTransactions({ userId: user.id, accountId: account.id, query: "zephyr" });
    });
    expect(page).toMatchObject({ total: 1, transactions: [{ name: "CARD 1234 ZEPHYRINE BAKERY" }] });

    const searches = queries.filter((query) => /ILIKE/i.test(query.sql));
    // The page itself and its capped count.
    expect(searches.length).toBeGreaterThanOrEqual(2);
    for (const { sql, params } of searches) {
      // The count binds '%zephyr%'; Prisma binds 'zephyr' and writes ILIKE ('%' || $2 || '%').
      expect(JSON.stringify(params)).toContain("zephyr");
      expect(await plan(sql, params), sql).toContain(INDEX);
    }
  });

  it("still finds rows for searches too short for trigrams, without the index", async () => {
    const { user, account } = await createUserWithAccount();
    await db.transaction.createMany({
      data: ["Uber trip", "Ube cafe", "Lunch"].map((name, index) => ({
        bankAccountId: account.id,
        transactionId: `short-${account.id}-${index}`,
        amount: "1.00",
        date: new Date(Date.UTC(2026, 0, 1 + index)),
        name,
      })),
    });
    const page = await listTransactions({ userId: user.id, accountId: account.id, query: "ub" });
    expect(page?.transactions.map((row) => row.name)).toEqual(["Ube cafe", "Uber trip"]);
  });
});
