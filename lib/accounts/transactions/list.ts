// An account's transactions, newest first, a page at a time. Keyset paging on (date, id), never OFFSET,
// so page 400 of a long history costs what page 1 does: each page seeks idx_transactions_account_date.
import "server-only";
import { findOwnedAccount } from "@/lib/auth/ownership";
import { db, Prisma, type TransactionModel } from "@/lib/db";
import { isUuid } from "@/lib/db/vocabulary";
import { freeTextProblem, normalizeFreeText } from "@/lib/text/free-text";

export const PAGE_SIZE = 25;
/** Counting stops here: an exact count of a huge history would cost a scan of all of it on every page. */
export const COUNT_LIMIT = 10_000;
/**
 * A search's count stops sooner: each match is a row read and tested, and a common word matches a tenth
 * of a long history (BENCHMARKS.md, transaction search). "1,000+ matches" tells a person to narrow it.
 */
export const SEARCH_COUNT_LIMIT = 1_000;
const MAX_QUERY_LENGTH = 100;

/** A row's position in the (date desc, id desc) order; in URLs as "2026-11-01_<uuid>". */
export type TransactionCursor = { date: string; id: string };

/** older: the page after `cursor` (going back in time); newer: the page before it. */
export type PageDirection = "older" | "newer";

export type TransactionPage = {
  transactions: TransactionModel[];
  /** How many transactions match, over all pages, up to COUNT_LIMIT (SEARCH_COUNT_LIMIT for a search). */
  total: number;
  /** More than the limit match: show "10,000+" ("1,000+"). */
  totalIsCapped: boolean;
  /** Where the newer and older pages start; null when there is none. */
  newer: TransactionCursor | null;
  older: TransactionCursor | null;
};

export function encodeCursor(cursor: TransactionCursor): string {
  return `${cursor.date}_${cursor.id}`;
}

export function decodeCursor(value: unknown): TransactionCursor | null {
  if (typeof value !== "string") return null;
  const match = /^(\d{4}-\d{2}-\d{2})_(.+)$/.exec(value);
  if (!match?.[1] || !match[2] || !isUuid(match[2])) return null;
  const date = new Date(`${match[1]}T00:00:00Z`);
  // Rejects 2026-02-31, which Date would roll into March.
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== match[1]) return null;
  return { date: match[1], id: match[2].toLowerCase() };
}

/**
 * Trimmed and bounded; an empty search is no search. NUL characters are dropped: PostgreSQL text can
 * hold none (so none can match), and a parameter carrying one fails the whole statement. For input
 * already read with readSearchQuery, which refuses them with a message.
 */
export function normalizeQuery(value: unknown): string {
  return typeof value === "string" ? value.replaceAll("\u0000", "").trim().slice(0, MAX_QUERY_LENGTH) : "";
}

/**
 * A search as typed or put in a URL: the query ("" for none), or why it cannot be searched for (too
 * long, control characters, direction overrides), said before any query or download starts.
 */
export function readSearchQuery(value: unknown): { query: string } | { error: string } {
  if (value === undefined || value === null) return { query: "" };
  if (typeof value !== "string") return { error: "Search for one piece of text." };
  const query = normalizeFreeText(value).trim();
  if (query.length > MAX_QUERY_LENGTH) return { error: `Search for at most ${MAX_QUERY_LENGTH} characters.` };
  const problem = freeTextProblem(query);
  return problem ? { error: problem.replace("this text", "the search") } : { query };
}

/** Makes %, _ and \ match themselves in LIKE/ILIKE, whose default escape character is the backslash. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

export function cursorOf(transaction: Pick<TransactionModel, "date" | "id">): TransactionCursor {
  return { date: transaction.date.toISOString().slice(0, 10), id: transaction.id };
}

/**
 * Rows strictly after (older) or before (newer) the cursor. The redundant `date <=` / `date >=` bound
 * is what lets PostgreSQL seek the index to the cursor instead of filtering every newer row; the OR
 * then breaks ties within the cursor's day by id.
 */
function beyond(cursor: TransactionCursor, direction: PageDirection): Prisma.TransactionWhereInput {
  const date = new Date(`${cursor.date}T00:00:00Z`);
  return direction === "older"
    ? { date: { lte: date }, OR: [{ date: { lt: date } }, { id: { lt: cursor.id } }] }
    : { date: { gte: date }, OR: [{ date: { gt: date } }, { id: { gt: cursor.id } }] };
}

function matching(query: string): Prisma.TransactionWhereInput {
  if (!query) return {};
  const contains = escapeLike(query);
  return {
    AND: [
      {
        OR: [{ name: { contains, mode: "insensitive" } }, { merchantName: { contains, mode: "insensitive" } }],
      },
    ],
  };
}

/**
 * Up to the limit + 1. In SQL because Prisma's count with `take` adds ORDER BY id, which turns the
 * capped count into a walk of the primary key; this LIMIT stops the scan as soon as the cap is reached.
 */
const countLimit = (query: string) => (query ? SEARCH_COUNT_LIMIT : COUNT_LIMIT);

async function countMatching({ accountId, query }: { accountId: string; query: string }): Promise<number> {
  const pattern = `%${escapeLike(query)}%`;
  const [row] = await db.$queryRaw<{ count: number }[]>`
    SELECT count(*)::int AS count FROM (
      SELECT 1 FROM transactions
      WHERE bank_account_id = ${accountId}::uuid
        ${query ? Prisma.sql`AND (name ILIKE ${pattern} OR merchant_name ILIKE ${pattern})` : Prisma.empty}
      LIMIT ${countLimit(query) + 1}
    ) AS capped`;
  return row?.count ?? 0;
}

/** Null when the account is not the user's. */
export async function listTransactions({
  userId,
  accountId,
  query = "",
  cursor = null,
  direction: requested = "older",
  pageSize = PAGE_SIZE,
}: {
  userId: string;
  accountId: string;
  query?: string;
  cursor?: TransactionCursor | null;
  direction?: PageDirection;
  pageSize?: number;
}): Promise<TransactionPage | null> {
  const account = await findOwnedAccount({ userId, accountId });
  if (!account) return null;
  // Without a cursor there is only the first page, whatever direction was asked for.
  const direction = cursor ? requested : "older";
  const base: Prisma.TransactionWhereInput = { bankAccountId: account.id, ...matching(query) };
  const sort = direction === "older" ? "desc" : "asc";

  const [rows, total] = await Promise.all([
    db.transaction.findMany({
      where: cursor ? { AND: [base, beyond(cursor, direction)] } : base,
      orderBy: [{ date: sort }, { id: sort }],
      take: pageSize + 1,
    }),
    countMatching({ accountId: account.id, query }),
  ]);
  const hasMore = rows.length > pageSize;
  const page = rows.slice(0, pageSize);
  if (direction === "newer") page.reverse();
  const first = page[0];
  const last = page.at(-1);

  // The side we came from has rows unless they were deleted meanwhile; one indexed LIMIT 1 tells.
  const hasBehind = async (edge: TransactionModel | undefined, side: PageDirection) =>
    cursor !== null &&
    edge !== undefined &&
    (await db.transaction.findFirst({
      where: { AND: [base, beyond(cursorOf(edge), side)] },
      select: { id: true },
    })) !== null;

  const hasNewer = direction === "newer" ? hasMore : await hasBehind(first, "newer");
  const hasOlder = direction === "older" ? hasMore : await hasBehind(last, "older");
  return {
    transactions: page,
    total: Math.min(total, countLimit(query)),
    totalIsCapped: total > countLimit(query),
    newer: hasNewer && first ? cursorOf(first) : null,
    older: hasOlder && last ? cursorOf(last) : null,
  };
}

/**
 * Every matching transaction of the user's account, newest first, in batches: an export of tens of
 * thousands of rows never holds them all in memory. Another user's account yields nothing.
 */
export async function* iterateTransactions({
  userId,
  accountId,
  query = "",
  batchSize = 1_000,
  firstBatchSize = batchSize,
}: {
  userId: string;
  accountId: string;
  query?: string;
  batchSize?: number;
  /** A smaller first batch gets a download's first bytes out sooner. */
  firstBatchSize?: number;
}): AsyncGenerator<TransactionModel[]> {
  const base: Prisma.TransactionWhereInput = { bankAccountId: accountId, bankAccount: { userId }, ...matching(query) };
  let cursor: TransactionCursor | null = null;
  while (true) {
    const rows: TransactionModel[] = await db.transaction.findMany({
      where: cursor ? { AND: [base, beyond(cursor, "older")] } : base,
      orderBy: [{ date: "desc" }, { id: "desc" }],
      take: cursor ? batchSize : firstBatchSize,
    });
    if (rows.length > 0) yield rows;
    const last = rows.at(-1);
    if (!last || rows.length < (cursor ? batchSize : firstBatchSize)) return;
    cursor = cursorOf(last);
  }
}
