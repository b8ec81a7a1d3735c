// A web process's link, alone in a process of its own, for pending-links.db.test.ts to kill with SIGKILL
// between Plaid's exchange and the stored connection: `tsx lib/connections/pending-links.child.ts
// <userId> <publicToken>`, with DATABASE_URL and PLAID_EMULATOR_URL set.
import { exchangePublicToken } from "./link";

const [userId, publicToken] = process.argv.slice(2);
if (!userId || !publicToken) throw new Error("usage: pending-links.child.ts <userId> <publicToken>");
const linked = await exchangePublicToken({ userId, publicToken, metadata: { institution: null } });
process.stdout.write(`linked ${linked.connectionId}\n`);
process.exit(0);
