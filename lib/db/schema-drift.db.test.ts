// schema.prisma and the migrated database must describe the same schema; and the comparison must
// notice when they do not.
import fs from "node:fs/promises";
import path from "node:path";
import { migrateEmulatorStore } from "@mingus/plaid-emulator";
import { beforeAll, describe, expect, test } from "vitest";
import { db } from "@/lib/db";
import { createEmulatorStore } from "@/lib/plaid/emulator-mount";
import { compareSchema, loadSchema, readSchema } from "./schema-drift";
import { type Introspection, introspect } from "./schema-introspection";

let database: Introspection;
let schemaText: string;

beforeAll(async () => {
  // The emulator's schema sits beside the app's, as on any server that mounted it; it is not the app's.
  const emulatorStore = createEmulatorStore();
  await migrateEmulatorStore(emulatorStore);
  await emulatorStore.close();
  database = await introspect((sql) => db.$queryRawUnsafe(sql));
  schemaText = await fs.readFile(path.join(process.cwd(), "prisma", "schema.prisma"), "utf8");
});

test("the migrated database matches schema.prisma exactly", async () => {
  expect(compareSchema(await loadSchema(), database)).toEqual([]);
});

describe("a disagreement is reported", () => {
  async function problemsAfter(edit: (schema: string) => string) {
    const edited = edit(schemaText);
    expect(edited).not.toBe(schemaText);
    return compareSchema(await readSchema(edited), database);
  }

  test.each([
    [
      "a missing column",
      (s: string) => s.replace("  notes              String?\n", ""),
      "column bank_accounts.notes is not in schema.prisma",
    ],
    [
      "an extra field",
      (s: string) => s.replace("  image         String?\n", "  image         String?\n  nickname      String?\n"),
      "column users.nickname (User.nickname) is missing",
    ],
    [
      "a mapped name",
      (s: string) => s.replace('@map("item_id")', '@map("plaid_item_id")'),
      "column plaid_connections.plaid_item_id",
    ],
    [
      "a type",
      (s: string) =>
        s.replace("amount           Decimal  @db.Decimal(15, 2)", "amount           Decimal  @db.Decimal(12, 2)"),
      "is numeric(15,2) in the database, numeric(12,2)",
    ],
    [
      "a list",
      (s: string) => s.replace("transports   String[]  @default([])", 'transports   String    @default("")'),
      "is text[] in the database, text in the schema",
    ],
    [
      "bytes",
      (s: string) => s.replace("publicKey    Bytes ", "publicKey    String"),
      "is bytea in the database, text in the schema",
    ],
    [
      "nullability",
      (s: string) => s.replace("mask               String?", "mask               String"),
      "column bank_accounts.mask (BankAccount.mask) is nullable",
    ],
    [
      "a default",
      (s: string) => s.replace('@default("daily") @map("sync_frequency")', '@default("hourly") @map("sync_frequency")'),
      "defaults to 'daily' in the database, 'hourly'",
    ],
    [
      "a unique",
      (s: string) => s.replace('@unique(map: "uq_users_email")', ""),
      "index uq_users_email on users is not in schema.prisma",
    ],
    [
      "an index",
      (s: string) =>
        s.replace(
          '@@index([type], map: "idx_bank_accounts_type")',
          '@@index([type, status], map: "idx_bank_accounts_type")',
        ),
      "index idx_bank_accounts_type covers (type)",
    ],
    [
      "a relation's action",
      (s: string) =>
        s.replace(
          'onDelete: Cascade, map: "fk_transactions_account"',
          'onDelete: Restrict, map: "fk_transactions_account"',
        ),
      "ON DELETE is 'c', the schema says 'r'",
    ],
    [
      "a relation's name",
      (s: string) => s.replace('map: "fk_transactions_account"', 'map: "fk_transactions_bank_account"'),
      "is named fk_transactions_account",
    ],
    [
      "a model",
      (s: string) => s.replace('@@map("transactions")', '@@map("bank_transactions")'),
      "table transactions is not in schema.prisma",
    ],
  ])("%s", async (_what, edit, message) => {
    const problems = await problemsAfter(edit);
    expect(problems.join("\n")).toContain(message);
  });
});
