// The Link flow's server actions as the browser calls them (FormData in, ActionState out), against the
// emulator: what comes back is allowlisted and never holds an access token.
import { Products } from "plaid";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { setUpEmulatorServer } from "@/lib/test/emulator";
import { createUser } from "@/lib/test/factories";

const session = vi.hoisted(() => ({ user: null as null | { id: string; email: string; name: null; role: "user" } }));
const revalidatePath = vi.hoisted(() => vi.fn());
vi.mock("@/lib/auth/session", () => ({ getCurrentUser: async () => session.user }));
vi.mock("next/cache", () => ({ revalidatePath }));
vi.mock("@/lib/plaid/config", () => import("@/lib/test/emulator"));

const { createLinkTokenAction, exchangePublicTokenAction, unlinkConnectionAction } = await import("./plaid-actions");
const server = setUpEmulatorServer();

const PLATYPUS = { institution_id: "ins_109508", name: "First Platypus Bank" };

beforeEach(async () => {
  const user = await createUser();
  session.user = { id: user.id, email: user.email, name: null, role: "user" };
  revalidatePath.mockClear();
});

function form(fields: Record<string, string>) {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
}

async function exchange(metadata: unknown = { institution: PLATYPUS, link_session_id: "ls" }) {
  const { data } = await server.api.sandboxPublicTokenCreate({
    institution_id: PLATYPUS.institution_id,
    initial_products: [Products.Transactions],
  });
  return exchangePublicTokenAction({}, form({ publicToken: data.public_token, metadata: JSON.stringify(metadata) }));
}

describe("the Link actions", () => {
  it("ask a signed-out visitor to sign in, without calling Plaid", async () => {
    session.user = null;
    const calls = await db.plaidApiCall.count();
    expect(await createLinkTokenAction({}, form({}))).toEqual({ message: "Your session has ended. Sign in again." });
    expect(await db.plaidApiCall.count()).toBe(calls);
  });

  it("hand the browser a link token and nothing else", async () => {
    const result = await createLinkTokenAction({}, form({}));
    expect(result).toEqual({
      ok: true,
      data: { linkToken: expect.stringMatching(/^link-sandbox-/), expiration: expect.any(String), mode: "create" },
    });
  });

  it("link a bank, then answer a second link of the same accounts with the connection to reconnect", async () => {
    const first = await exchange();
    expect(first).toEqual({
      ok: true,
      message: "Linked First Platypus Bank.",
      data: { connectionId: expect.any(String), institutionName: "First Platypus Bank", accountCount: 9 },
    });
    expect(revalidatePath).toHaveBeenCalledWith("/accounts");

    // Link's metadata names the accounts shared, as it does for every link.
    const second = await exchange({
      institution: PLATYPUS,
      accounts: [{ name: "Plaid Checking", mask: "0000" }],
      link_session_id: "ls-2",
    });
    expect(second).toEqual({
      ok: false,
      message:
        "Plaid Checking •••• 0000 at First Platypus Bank is already linked. Reconnect the existing connection instead of linking it a second time.",
      data: {
        existingConnectionId: first.data && "connectionId" in first.data ? first.data.connectionId : "?",
        institutionName: "First Platypus Bank",
      },
    });
    expect(JSON.stringify([first, second])).not.toContain("access-");
  });

  it("reject metadata that is not Link's", async () => {
    const result = await exchange({ institution: { name: 3 } });
    expect(result.errors?.metadata).toBeDefined();
    const notJson = await exchangePublicTokenAction({}, form({ publicToken: "public-sandbox-x", metadata: "{" }));
    expect(notJson.errors?.metadata).toEqual(["Link's metadata is not JSON."]);
  });

  it("unlink the person's own bank, and no one else's", async () => {
    const linked = await exchange();
    const connectionId = linked.data && "connectionId" in linked.data ? linked.data.connectionId : "";
    const owner = session.user;
    const stranger = await createUser();
    session.user = { id: stranger.id, email: stranger.email, name: null, role: "user" };
    expect(await unlinkConnectionAction({}, form({ connectionId }))).toEqual({
      message: "This connection could not be found.",
    });
    session.user = owner;
    expect(await unlinkConnectionAction({}, form({ connectionId }))).toEqual({
      ok: true,
      message: "First Platypus Bank is unlinked.",
    });
    expect(await db.plaidConnection.count({ where: { id: connectionId } })).toBe(0);
  });
});
