// `npm run db:seed [-- --email someone@example.com ...]`: brings the configured database up to date,
// then writes the demo user (or each named user) and a year of demo data (replacing that user's previous
// demo data, never anything else) and prints the login.
import "./load-env";
import { closeBackend, databaseKind } from "@/lib/db/client";
import { migrateDatabase } from "@/lib/db/setup";
import { seedDemoData } from "./seed/seed-demo-data";

async function main(): Promise<number> {
  const kind = databaseKind();
  try {
    const applied = await migrateDatabase();
    if (applied.length > 0) console.log(`Applied ${applied.length} migration(s) to the ${kind} database.`);
    const emails = process.argv.flatMap((arg, index, all) =>
      arg === "--email" && all[index + 1] ? [all[index + 1] as string] : [],
    );
    for (const email of emails.length > 0 ? emails : [undefined]) {
      const started = performance.now();
      const seeded = await seedDemoData({ email: email?.toLowerCase() });
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      console.log(`Seeded demo data into the ${kind} database in ${seconds} s:`);
      console.log(
        `  ${seeded.connections} connections, ${seeded.accounts} accounts, ${seeded.balances} balance rows, ` +
          `${seeded.transactions} transactions, ${seeded.syncs} syncs`,
      );
      console.log(`Sign in as ${seeded.email} with password ${seeded.password}`);
    }
    return 0;
  } catch (error) {
    console.error(`Seeding failed (${kind} database): ${(error as Error).message}`);
    console.error("The previous demo data, if any, is unchanged.");
    return 1;
  } finally {
    await closeBackend();
  }
}

process.exitCode = await main();
