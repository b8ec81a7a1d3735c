// "Export my data": every row the person owns, table by table, as JSON and as CSV, in one zip streamed
// as it is made (fflate), so a long transaction history never sits in memory whole. What would open
// something is left out: sealed Plaid tokens, link tokens, the password hash, the TOTP secret and recovery
// codes (tables not read), push keys, mailed links.
import "server-only";
import { stringify } from "csv-stringify/sync";
import { Zip, ZipDeflate } from "fflate";
import { db } from "@/lib/db";

/** Columns never exported, whichever table has them. */
const SECRET_COLUMNS = new Set([
  "access_token",
  "access_token_key_id",
  "link_token",
  "link_token_expires_at",
  "sync_lease_owner",
  "sync_lease_expires_at",
  "password_hash",
  "admin_granted_at",
  "p256dh",
  "auth",
  // A passkey's public key opens nothing, but is of no use outside Mingus either.
  "public_key",
]);

const BATCH = 2000;

const OWN_ACCOUNTS = "SELECT id FROM bank_accounts WHERE user_id = $1::uuid";
const OWN_CONNECTIONS = "SELECT id FROM plaid_connections WHERE user_id = $1::uuid";

/** Each file of the export: its name and the rows it holds, read a batch at a time (keyset on id). */
const TABLES: { name: string; from: string }[] = [
  { name: "profile", from: "users WHERE id = $1::uuid" },
  { name: "bank_connections", from: "plaid_connections WHERE user_id = $1::uuid" },
  { name: "bank_accounts", from: "bank_accounts WHERE user_id = $1::uuid" },
  { name: "balances", from: `account_balances WHERE bank_account_id IN (${OWN_ACCOUNTS})` },
  { name: "transactions", from: `transactions WHERE bank_account_id IN (${OWN_ACCOUNTS})` },
  { name: "syncs", from: `transaction_syncs WHERE plaid_connection_id IN (${OWN_CONNECTIONS})` },
  { name: "preferences", from: "banking_preferences WHERE user_id = $1::uuid" },
  { name: "notifications", from: "notifications WHERE user_id = $1::uuid" },
  { name: "notification_messages", from: "notification_messages WHERE user_id = $1::uuid" },
  { name: "push_subscriptions", from: "push_subscriptions WHERE user_id = $1::uuid" },
  { name: "sessions", from: "user_sessions WHERE user_id = $1::uuid" },
  { name: "passkeys", from: "passkeys WHERE user_id = $1::uuid" },
  { name: "activity", from: "audit_events WHERE user_id = $1::uuid" },
];

type Row = Record<string, unknown>;

/** A value as JSON and CSV carry it: dates as ISO text, decimals and big integers as text. */
function plain(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "bigint") return value.toString();
  if (value !== null && typeof value === "object" && "toFixed" in value) return String(value);
  return value;
}

function clean(row: Row): Row {
  const out: Row = {};
  for (const [column, value] of Object.entries(row)) {
    if (!SECRET_COLUMNS.has(column)) out[column] = plain(value);
  }
  return out;
}

async function* batches(from: string, userId: string): AsyncGenerator<Row[]> {
  let after = "00000000-0000-0000-0000-000000000000";
  for (;;) {
    const rows = await db.$queryRawUnsafe<Row[]>(
      `SELECT * FROM ${from} AND id > $2::uuid ORDER BY id LIMIT ${BATCH}`,
      userId,
      after,
    );
    if (rows.length === 0) return;
    yield rows.map(clean);
    if (rows.length < BATCH) return;
    after = String(rows.at(-1)?.id);
  }
}

const encoder = new TextEncoder();

/**
 * Writes one table as `<name>.json` (an array of objects) and `<name>.csv` (a header row, then rows),
 * both fed batch by batch; fflate keeps the CSV's compressed bytes until the JSON file before it ends.
 */
async function addTable(zip: Zip, folder: string, name: string, from: string, userId: string): Promise<number> {
  const json = new ZipDeflate(`${folder}/${name}.json`, { level: 6 });
  const csv = new ZipDeflate(`${folder}/${name}.csv`, { level: 6 });
  zip.add(json);
  zip.add(csv);
  let count = 0;
  let columns: string[] | null = null;
  json.push(encoder.encode("["));
  for await (const rows of batches(from, userId)) {
    if (!columns) {
      columns = Object.keys(rows[0] ?? {});
      csv.push(encoder.encode(stringify([columns])));
    }
    const header = columns;
    json.push(encoder.encode(rows.map((row, i) => `${count + i === 0 ? "\n" : ",\n"}${JSON.stringify(row)}`).join("")));
    csv.push(encoder.encode(stringify(rows.map((row) => header.map((column) => csvCell(row[column]))))));
    count += rows.length;
  }
  json.push(encoder.encode(count === 0 ? "]\n" : "\n]\n"), true);
  csv.push(new Uint8Array(0), true);
  return count;
}

function csvCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/** The zip as a stream of bytes, and a name for it. */
export function exportUserData({ userId, now = new Date() }: { userId: string; now?: Date }): {
  filename: string;
  stream: ReadableStream<Uint8Array>;
} {
  const stamp = now.toISOString().slice(0, 10);
  const folder = `mingus-export-${stamp}`;
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const zip = new Zip((error, chunk, final) => {
        if (error) return controller.error(error);
        controller.enqueue(chunk);
        if (final) controller.close();
      });
      try {
        const counts: Record<string, number> = {};
        for (const table of TABLES) {
          counts[table.name] = await addTable(zip, folder, table.name, table.from, userId);
        }
        const readme = new ZipDeflate(`${folder}/README.txt`, { level: 6 });
        zip.add(readme);
        readme.push(
          encoder.encode(
            [
              `Your Mingus data as of ${now.toISOString()}.`,
              "",
              "Each table is here twice: as JSON (an array of rows) and as CSV (a header row, then rows).",
              "Amounts are exact decimals written as text (12.5 is 12.50); times are ISO 8601 in UTC.",
              "Left out on purpose: bank access tokens, your password's hash, your authenticator app's key and recovery",
              "codes, push keys and mailed links.",
              "",
              ...Object.entries(counts).map(([name, count]) => `${name}: ${count} ${count === 1 ? "row" : "rows"}`),
              "",
            ].join("\n"),
          ),
          true,
        );
        zip.end();
      } catch (error) {
        controller.error(error);
      }
    },
  });
  return { filename: `${folder}.zip`, stream };
}
