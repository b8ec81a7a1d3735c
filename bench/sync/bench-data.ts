// The sync benchmark's data: emulator items whose transaction logs hold exactly N synthetic `added`
// events (clones of a real sandbox item's generated transactions under new ids, inserted set-based),
// linked into the app through the app's own exchangePublicToken so each has its connection, accounts
// and first sync request, as a person's link leaves them.
import "server-only";
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { type EmulatorServer, startEmulatorServer } from "@mingus/plaid-emulator/testing";
import { Products } from "plaid";
import { exchangePublicToken } from "@/lib/connections/link";
import { closeBackend, db } from "@/lib/db";
import { env } from "@/lib/env";
import { createEmulatorStore } from "@/lib/plaid/emulator-mount";

export type BenchConnection = { connectionId: string; itemId: string; userId: string };

// The emulator keeps public tokens only as their SHA-256.
const sha256Hex = (value: string) => createHash("sha256").update(value).digest("hex");

// Events per INSERT statement: big enough to be set-based, small enough to keep one statement's memory low.
const EVENTS_PER_STATEMENT = 20_000;
const LINK_CONCURRENCY = 8;

/** A real sandbox item (about 1,900 generated transactions): the payloads the synthetic logs clone. */
export async function createTemplateItem(server: EmulatorServer): Promise<string> {
  const { data } = await server.api.sandboxPublicTokenCreate({
    institution_id: "ins_109508",
    initial_products: [Products.Transactions],
  });
  const [token] = await db.$queryRaw<{ item_id: string }[]>`
    SELECT item_id FROM plaid_emulator.public_tokens WHERE public_token_sha256 = ${sha256Hex(data.public_token)}`;
  if (!token) throw new Error("the emulator did not record the template item's public token");
  return token.item_id;
}

/**
 * `count` items copied from the template (same institution and accounts, no webhook) whose logs hold
 * `perItem` added transactions each. Transaction n of an item is template transaction n modulo the
 * template's size, with a new transaction_id: posted ones keep the template's pending_transaction_id,
 * which names no stored row, so the engine's pending-replacement delete runs and finds nothing.
 */
export async function createSyntheticItems({
  templateItemId,
  label,
  count,
  perItem,
}: {
  templateItemId: string;
  label: string;
  count: number;
  perItem: number;
}): Promise<string[]> {
  // Plaid's item ids are 37 alphanumerics: 32 hex digits and a 5-digit number.
  const items = await db.$queryRaw<{ item_id: string }[]>`
    INSERT INTO plaid_emulator.items (item_id, access_token_sha256, client_id, institution_id, username, seed,
      webhook, products, accounts, transactions_seq)
    SELECT md5(${label} || '-' || i) || lpad(i::text, 5, '0'), 'unissued:' || gen_random_uuid(), t.client_id,
      t.institution_id, t.username, t.seed, NULL, t.products, t.accounts, ${perItem}
    FROM plaid_emulator.items t, generate_series(0, ${count - 1}) i
    WHERE t.item_id = ${templateItemId}
    RETURNING item_id`;
  const itemIds = items.map((item) => item.item_id).sort();
  const itemsPerStatement = Math.max(1, Math.floor(EVENTS_PER_STATEMENT / perItem));
  for (let from = 0; from < itemIds.length; from += itemsPerStatement) {
    const batch = itemIds.slice(from, from + itemsPerStatement);
    for (let first = 1; first <= perItem; first += EVENTS_PER_STATEMENT) {
      const last = Math.min(perItem, first + EVENTS_PER_STATEMENT - 1);
      await db.$executeRaw`
        WITH template AS (
          SELECT row_number() OVER (ORDER BY seq) - 1 AS k, payload FROM plaid_emulator.transactions
          WHERE item_id = ${templateItemId} AND kind = 'added'
        ), size AS (SELECT count(*) AS n FROM template)
        INSERT INTO plaid_emulator.transactions (item_id, seq, transaction_id, account_id, kind, payload)
        SELECT item.id, g, ids.transaction_id, t.payload->>'account_id', 'added',
          jsonb_set(t.payload, '{transaction_id}', to_jsonb(ids.transaction_id))
        FROM unnest(${batch}::text[]) AS item(id)
        CROSS JOIN generate_series(${first}::bigint, ${last}::bigint) g
        CROSS JOIN LATERAL (SELECT substr(md5(item.id || ':' || g), 1, 32) || lpad((g % 100000)::text, 5, '0')
          AS transaction_id) ids
        JOIN template t ON t.k = (g - 1) % (SELECT n FROM size)`;
    }
  }
  return itemIds;
}

/**
 * One user per item (a user links a bank once), a public token per item as Link would hand over, and
 * the app's exchangePublicToken for each: connection, accounts, balances and a pending initial sync.
 */
export async function linkItems({ itemIds, label }: { itemIds: string[]; label: string }): Promise<BenchConnection[]> {
  const users = await db.$queryRaw<{ id: string }[]>`
    INSERT INTO users (email, name)
    SELECT 'bench-sync-' || ${label} || '-' || i || '@example.test', 'Bench ' || i
    FROM generate_series(0, ${itemIds.length - 1}) i
    RETURNING id`;
  const tokens = itemIds.map(() => `public-sandbox-${randomUUID()}`);
  const expiresAt = new Date(Date.now() + 60 * 60_000);
  await db.$executeRaw`
    INSERT INTO plaid_emulator.public_tokens (public_token_sha256, item_id, client_id, expires_at)
    SELECT t.sha, i.item_id, i.client_id, ${expiresAt}
    FROM unnest(${tokens.map(sha256Hex)}::text[], ${itemIds}::text[]) AS t(sha, item_id)
    JOIN plaid_emulator.items i ON i.item_id = t.item_id`;

  const linked: BenchConnection[] = new Array(itemIds.length);
  let next = 0;
  const linkNext = async () => {
    for (let index = next++; index < itemIds.length; index = next++) {
      const userId = (users[index] as { id: string }).id;
      const { connectionId } = await exchangePublicToken({
        userId,
        publicToken: tokens[index] as string,
        metadata: { institution: null },
      });
      linked[index] = { connectionId, itemId: itemIds[index] as string, userId };
    }
  };
  await Promise.all(Array.from({ length: LINK_CONCURRENCY }, linkNext));
  return linked;
}

/** Pending runs of these connections, oldest first: what the link requested. */
export async function pendingRuns(connectionIds: string[]): Promise<{ id: string; connectionId: string }[]> {
  const runs = await db.transactionSync.findMany({
    where: { plaidConnectionId: { in: connectionIds }, status: "pending" },
    orderBy: { createdAt: "asc" },
    select: { id: true, plaidConnectionId: true },
  });
  return runs.map((run) => ({ id: run.id, connectionId: run.plaidConnectionId }));
}

/** Transactions stored per connection, for the connections given. */
export async function transactionCounts(connectionIds: string[]): Promise<Map<string, number>> {
  const rows = await db.$queryRaw<{ connection_id: string; count: number }[]>`
    SELECT a.plaid_connection_id::text AS connection_id, count(t.id)::int AS count
    FROM bank_accounts a LEFT JOIN transactions t ON t.bank_account_id = a.id
    WHERE a.plaid_connection_id = ANY(${connectionIds}::uuid[])
    GROUP BY a.plaid_connection_id`;
  return new Map(rows.map((row) => [row.connection_id, row.count]));
}

export type BenchEmulator = {
  server: EmulatorServer;
  /** The environment worker processes need: this emulator's URL and the run's token key. */
  workerEnv: NodeJS.ProcessEnv;
  /** A real sandbox item whose generated transactions the synthetic items clone. */
  templateItemId: string;
};

/**
 * Runs `bench` with the emulator served in-process over HTTP on the app's database, then stops it and
 * closes the app's database. The app's Plaid config reads PLAID_EMULATOR_URL from the env parsed at
 * start, and the emulator's port is known only now; a scratch database needs no lasting token key:
 * without one, a throwaway key seals this run's access tokens.
 */
export async function runWithBenchEmulator(bench: (emulator: BenchEmulator) => Promise<void>): Promise<void> {
  try {
    const store = createEmulatorStore();
    const server = await startEmulatorServer({ store });
    const tokenKey = env.TOKEN_ENCRYPTION_KEY ?? `k1:${randomBytes(32).toString("base64")}`;
    Object.assign(env, { PLAID_EMULATOR_URL: server.url, TOKEN_ENCRYPTION_KEY: tokenKey });
    const workerEnv = { ...process.env, PLAID_EMULATOR_URL: server.url, TOKEN_ENCRYPTION_KEY: tokenKey };
    try {
      await bench({ server, workerEnv, templateItemId: await createTemplateItem(server) });
    } finally {
      await server.close();
      await store.close();
    }
  } finally {
    await closeBackend();
  }
}
