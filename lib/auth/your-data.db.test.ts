// Leaving and taking data (security issue, item 12), against the real emulator over HTTP: the export
// holds every table the person owns, as JSON and CSV, and no secret; deletion needs the password,
// removes every item at Plaid, then every row, and mails the address; a Plaid refusal deletes nothing
// more.

import { unzipSync } from "fflate";
import { Products } from "plaid";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { isAppError } from "@/lib/errors";
import { setUpEmulatorServer } from "@/lib/test/emulator";
import { createPreferences, createTransaction, createUser } from "@/lib/test/factories";
import { hashPassword } from "./password";

vi.mock("@/lib/plaid/config", () => import("@/lib/test/emulator"));
const mail = vi.hoisted(() => ({ sent: [] as { email: string; subject: string; text: string }[] }));
vi.mock("@/lib/notifications", async (importOriginal) => ({
  ...(await importOriginal<object>()),
  sendAccountEmail: async (message: { email: string; subject: string; text: string }) => {
    mail.sent.push(message);
  },
}));

const { exchangePublicToken } = await import("@/lib/connections/link");
const { openAccessToken } = await import("@/lib/plaid/token-crypto");
const { exportUserData } = await import("./data-export");
const { deleteAccount } = await import("./delete-account");
const server = setUpEmulatorServer();

const PASSWORD = "an old but decent passphrase";
const PLATYPUS = { institution_id: "ins_109508", name: "First Platypus Bank" };

async function personWithBank() {
  const user = await createUser({ passwordHash: await hashPassword(PASSWORD), phoneNumber: "+15550100199" });
  const { data } = await server.api.sandboxPublicTokenCreate({
    institution_id: PLATYPUS.institution_id,
    initial_products: [Products.Transactions],
  });
  const linked = await exchangePublicToken({
    userId: user.id,
    publicToken: data.public_token,
    metadata: { institution: PLATYPUS, link_session_id: "ls-1" },
  });
  const [account] = await db.bankAccount.findMany({ where: { plaidConnectionId: linked.connectionId } });
  await createTransaction({ bankAccountId: account?.id ?? "", name: 'Café, "quoted"', amount: "12.50" });
  await createPreferences({ userId: user.id, accountAlias: "Everyday", bankAccountId: account?.id });
  return { user, connectionId: linked.connectionId };
}

async function unzip(stream: ReadableStream<Uint8Array>): Promise<Record<string, string>> {
  const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
  const files = unzipSync(bytes);
  return Object.fromEntries(Object.entries(files).map(([name, data]) => [name, new TextDecoder().decode(data)]));
}

beforeEach(() => {
  mail.sent.length = 0;
});

describe("exportUserData", () => {
  it("every table the person owns, as JSON and CSV, and nothing that opens anything", async () => {
    const { user, connectionId } = await personWithBank();
    const someoneElse = await personWithBank();
    const { filename, stream } = exportUserData({ userId: user.id, now: new Date("2026-12-07T10:00:00Z") });
    expect(filename).toBe("mingus-export-2026-12-07.zip");
    const files = await unzip(stream);
    const folder = "mingus-export-2026-12-07";
    for (const table of ["profile", "bank_connections", "bank_accounts", "balances", "transactions", "preferences"]) {
      expect(Object.keys(files)).toContain(`${folder}/${table}.json`);
      expect(Object.keys(files)).toContain(`${folder}/${table}.csv`);
    }
    const profile = JSON.parse(files[`${folder}/profile.json`] ?? "[]");
    expect(profile).toEqual([
      expect.objectContaining({ id: user.id, email: user.email, phone_number: "+15550100199" }),
    ]);
    const connections = JSON.parse(files[`${folder}/bank_connections.json`] ?? "[]");
    expect(connections).toEqual([
      expect.objectContaining({ id: connectionId, institution_name: "First Platypus Bank" }),
    ]);
    const transactions = JSON.parse(files[`${folder}/transactions.json`] ?? "[]") as { name: string; amount: string }[];
    expect(transactions.find((row) => row.name === 'Café, "quoted"')).toMatchObject({ amount: "12.5" });
    // The CSV has a header row and quotes what needs quoting.
    const csv = files[`${folder}/transactions.csv`] ?? "";
    expect(csv.split("\n")[0]).toContain("transaction_id");
    expect(csv).toContain('"Café, ""quoted"""');
    expect(files[`${folder}/README.txt`]).toMatch(/transactions: \d+ rows?\n/);

    const everything = Object.values(files).join("\n");
    const row = await db.plaidConnection.findUniqueOrThrow({ where: { id: connectionId } });
    const token = await openAccessToken({ ciphertext: row.accessToken, keyId: row.accessTokenKeyId ?? "" });
    const { passwordHash } = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    for (const secret of [row.accessToken, token, passwordHash ?? "", "access_token", "password_hash"]) {
      expect(everything).not.toContain(secret);
    }
    expect(everything).not.toContain(someoneElse.user.email);
    expect(everything).not.toContain(someoneElse.connectionId);
  });
});

describe("deleteAccount", () => {
  it("with the password: every item removed at Plaid, then every row, and a mail", async () => {
    const { user, connectionId } = await personWithBank();
    const row = await db.plaidConnection.findUniqueOrThrow({ where: { id: connectionId } });
    const token = await openAccessToken({ ciphertext: row.accessToken, keyId: row.accessTokenKeyId ?? "" });

    const wrong = await deleteAccount({
      userId: user.id,
      currentPassword: "not the password",
      typedEmail: "",
      address: "10.9.0.1",
    }).catch((error: unknown) => error);
    expect(isAppError(wrong, "auth:wrong_password")).toBe(true);
    expect(await db.user.count({ where: { id: user.id } })).toBe(1);

    const deleted = await deleteAccount({
      userId: user.id,
      currentPassword: PASSWORD,
      typedEmail: "",
      address: "10.9.0.2",
    });
    expect(deleted).toMatchObject({ email: user.email, banksRemoved: 1 });
    await deleted.send();
    expect(mail.sent.at(-1)).toMatchObject({ email: user.email, subject: "Your Mingus account was deleted" });
    expect(await db.user.count({ where: { id: user.id } })).toBe(0);
    expect(await db.plaidConnection.count({ where: { userId: user.id } })).toBe(0);
    expect(await db.bankAccount.count({ where: { userId: user.id } })).toBe(0);
    expect(await db.bankingPreferences.count({ where: { userId: user.id } })).toBe(0);
    const gone = await server.api.itemGet({ access_token: token }).catch((failed: unknown) => failed);
    expect((gone as { response?: { data?: { error_code?: string } } }).response?.data?.error_code).toMatch(
      /ITEM_NOT_FOUND|INVALID_ACCESS_TOKEN/,
    );
  });

  it("when Plaid will not remove an item, the account and its bank stay", async () => {
    const { user, connectionId } = await personWithBank();
    await server.post("/emulator/faults", {
      endpoint: "/item/remove",
      error_code: "INTERNAL_SERVER_ERROR",
      remaining: 5,
    });
    const error = await deleteAccount({
      userId: user.id,
      currentPassword: PASSWORD,
      typedEmail: "",
      address: "10.9.0.3",
    }).catch((failed: unknown) => failed);
    await server.post("/emulator/faults/clear", {}).catch(() => undefined);
    expect(isAppError(error)).toBe(true);
    expect(await db.user.count({ where: { id: user.id } })).toBe(1);
    expect(await db.plaidConnection.count({ where: { id: connectionId } })).toBe(1);
  });

  it("an account without a password confirms with its address typed out", async () => {
    const user = await createUser({ passwordHash: null });
    const refused = await deleteAccount({
      userId: user.id,
      currentPassword: "",
      typedEmail: "someone@else.test",
      address: "10.9.0.4",
    }).catch((failed: unknown) => failed);
    expect(isAppError(refused, "auth:wrong_password")).toBe(true);
    await deleteAccount({
      userId: user.id,
      currentPassword: "",
      typedEmail: ` ${user.email.toUpperCase()} `,
      address: "10.9.0.5",
    });
    expect(await db.user.count({ where: { id: user.id } })).toBe(0);
  });
});
