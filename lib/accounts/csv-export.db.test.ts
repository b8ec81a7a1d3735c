import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createBalance, createTransaction, createUser, createUserWithAccount } from "@/lib/test/factories";
import {
  csvFilename,
  exportBalancesCsv,
  exportTransactionsCsv,
  neutralizeFormula,
  TRANSACTION_CSV_COLUMNS,
} from "./csv-export";

/** A small RFC 4180 reader, independent of the library that wrote the file. */
function parse(csv: string, { from_line = 1 } = {}): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < csv.length; i++) {
    const char = csv[i];
    if (quoted && char === '"' && csv[i + 1] === '"') {
      field += '"';
      i++;
    } else if (char === '"') {
      quoted = !quoted;
    } else if (quoted || (char !== "," && char !== "\n" && char !== "\r")) {
      field += char;
    } else if (char !== "\r") {
      row.push(field);
      field = "";
      if (char === "\n") {
        rows.push(row);
        row = [];
      }
    }
  }
  if (field || row.length) rows.push([...row, field]);
  return rows.slice(from_line - 1);
}

async function text(body: ReadableStream<Uint8Array> | string): Promise<string> {
  return typeof body === "string" ? body : new Response(body).text();
}

/** `count` transactions named "Row <n>", over `days` days (row n on day n modulo days). */
async function createRows(bankAccountId: string, count: number, days: number) {
  await db.transaction.createMany({
    data: Array.from({ length: count }, (_, index) => ({
      bankAccountId,
      transactionId: `txn-${randomUUID()}`,
      amount: "1.00",
      date: new Date(Date.UTC(2026, 0, 1 + (index % days))),
      name: `Row ${index}`,
    })),
  });
}

describe("exportTransactionsCsv", () => {
  it("writes a header and every transaction, newest first, money as plain decimals and dates as ISO", async () => {
    const { user, account } = await createUserWithAccount({ name: "Plaid Checking", mask: "0000" });
    await createTransaction({
      bankAccountId: account.id,
      transactionId: "txn-coffee",
      name: 'STARBUCKS, "Reserve"',
      merchantName: "Starbucks",
      amount: "1234.5",
      date: new Date("2026-11-02"),
      authorizedDate: new Date("2026-11-01"),
      pending: true,
      categoryPrimary: "FOOD_AND_DRINK",
      categoryDetailed: "FOOD_AND_DRINK_COFFEE",
      paymentChannel: "in store",
    });
    await createTransaction({
      bankAccountId: account.id,
      name: "Payroll",
      amount: "-2000.00",
      date: new Date("2026-10-30"),
    });

    const download = await exportTransactionsCsv({ userId: user.id, accountId: account.id });
    expect(download?.filename).toMatch(/^plaid-checking-0000-transactions-\d{4}-\d{2}-\d{2}\.csv$/);
    const rows: string[][] = parse(await text(download?.body ?? ""));
    expect(rows).toEqual([
      [
        "date",
        "authorized_date",
        "name",
        "merchant_name",
        "amount",
        "currency",
        "pending",
        "category",
        "category_detailed",
        "payment_channel",
        "transaction_id",
      ],
      [
        "2026-11-02",
        "2026-11-01",
        'STARBUCKS, "Reserve"',
        "Starbucks",
        "1234.50",
        "USD",
        "true",
        "FOOD_AND_DRINK",
        "FOOD_AND_DRINK_COFFEE",
        "in store",
        "txn-coffee",
      ],
      ["2026-10-30", "", "Payroll", "", "-2000.00", "USD", "false", "", "", "", expect.any(String)],
    ]);
  });

  it("streams more rows than one batch holds, each once", async () => {
    const { user, account } = await createUserWithAccount();
    await createRows(account.id, 1_234, 30);
    const download = await exportTransactionsCsv({ userId: user.id, accountId: account.id });
    const rows: string[][] = parse(await text(download?.body ?? ""), { from_line: 2 });
    expect(rows).toHaveLength(1_234);
    expect(new Set(rows.map((row) => row[2])).size).toBe(1_234);
  });

  it("exports only what a search matches when given one", async () => {
    const { user, account } = await createUserWithAccount();
    await createTransaction({ bankAccountId: account.id, name: "Coffee" });
    await createTransaction({ bankAccountId: account.id, name: "Rent" });
    const download = await exportTransactionsCsv({ userId: user.id, accountId: account.id, query: "rent" });
    const rows: string[][] = parse(await text(download?.body ?? ""), { from_line: 2 });
    expect(rows.map((row) => row[2])).toEqual(["Rent"]);
  });

  it("drops a NUL byte from the search instead of failing the file after its header", async () => {
    const { user, account } = await createUserWithAccount();
    await createTransaction({ bankAccountId: account.id, name: "Rent" });
    const download = await exportTransactionsCsv({ userId: user.id, accountId: account.id, query: "re\u0000nt" });
    const rows: string[][] = parse(await text(download?.body ?? ""));
    expect(rows).toEqual([[...TRANSACTION_CSV_COLUMNS], expect.arrayContaining(["Rent"])]);
  });

  it("hands over a stream whose first chunk holds the header and the first batch, one batch per chunk after", async () => {
    const { user, account } = await createUserWithAccount();
    await createRows(account.id, 25, 25);
    const download = await exportTransactionsCsv({ userId: user.id, accountId: account.id, batchSize: 10 });
    if (!download || typeof download.body === "string") throw new Error("expected a stream");
    const reader = download.body.getReader();
    const chunks: string[][][] = [];
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      chunks.push(parse(new TextDecoder().decode(read.value)));
    }
    expect(chunks.map((chunk) => chunk.length)).toEqual([11, 10, 5]);
    expect(chunks[0]?.[0]).toEqual([...TRANSACTION_CSV_COLUMNS]);
    expect(chunks[0]?.[1]?.[2]).toBe("Row 24");
  });

  it("keeps a spreadsheet from running a name as a formula", async () => {
    const { user, account } = await createUserWithAccount();
    await createTransaction({ bankAccountId: account.id, name: '=HYPERLINK("http://evil")', merchantName: "@SUM(1)" });
    const download = await exportTransactionsCsv({ userId: user.id, accountId: account.id });
    const rows: string[][] = parse(await text(download?.body ?? ""), { from_line: 2 });
    expect(rows[0]?.slice(2, 4)).toEqual(['\'=HYPERLINK("http://evil")', "'@SUM(1)"]);
    expect(neutralizeFormula("-12.00")).toBe("'-12.00");
    expect(neutralizeFormula("Trader Joe's")).toBe("Trader Joe's");
  });

  it("is null for another user's account", async () => {
    const { account } = await createUserWithAccount();
    const stranger = await createUser();
    expect(await exportTransactionsCsv({ userId: stranger.id, accountId: account.id })).toBeNull();
    expect(await exportBalancesCsv({ userId: stranger.id, accountId: account.id, range: "all" })).toBeNull();
  });
});

describe("exportBalancesCsv", () => {
  it("writes one row per day with current and available, as plain decimals", async () => {
    const { user, account } = await createUserWithAccount({ name: "Plaid Saving", mask: "1111" });
    await createBalance({
      bankAccountId: account.id,
      balanceType: "current",
      amount: "100",
      asOfDate: new Date("2026-11-01T10:00Z"),
    });
    await createBalance({
      bankAccountId: account.id,
      balanceType: "available",
      amount: "90.5",
      asOfDate: new Date("2026-11-01T10:00Z"),
    });
    await createBalance({
      bankAccountId: account.id,
      balanceType: "current",
      amount: "-5",
      asOfDate: new Date("2026-11-02T10:00Z"),
    });
    await createBalance({
      bankAccountId: account.id,
      balanceType: "current",
      amount: "7.25",
      source: "calculated",
      isCurrent: false,
      asOfDate: new Date("2026-11-03T23:59:59Z"),
    });
    await createBalance({
      bankAccountId: account.id,
      balanceType: "current",
      amount: "8.00",
      source: "manual",
      asOfDate: new Date("2026-11-04T09:00Z"),
    });

    const download = await exportBalancesCsv({ userId: user.id, accountId: account.id, range: "all" });
    expect(download?.filename).toMatch(/^plaid-saving-1111-balances-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(parse(await text(download?.body ?? ""))).toEqual([
      ["date", "current", "available", "currency", "current_source"],
      ["2026-11-01", "100.00", "90.50", "USD", "bank"],
      ["2026-11-02", "-5.00", "", "USD", "bank"],
      ["2026-11-03", "7.25", "", "USD", "transactions"],
      ["2026-11-04", "8.00", "", "USD", "manual"],
    ]);
  });
});

describe("csvFilename", () => {
  it("keeps only ASCII letters and digits", () => {
    const now = new Date("2026-11-23T12:00:00Z");
    expect(csvFilename({ name: 'Épargne "Plus"; rm', mask: "12" }, "balances", now)).toBe(
      "pargne-plus-rm-12-balances-2026-11-23.csv",
    );
    expect(csvFilename({ name: "€€", mask: null }, "transactions", now)).toBe("account-transactions-2026-11-23.csv");
  });
});
