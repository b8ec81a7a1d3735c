// `npm run user:admin -- <email>`: gives an existing user the admin role.
import "@/scripts/load-env";
import { emailSchema, promoteToAdmin } from "@/lib/auth/users";
import { closeBackend } from "@/lib/db/client";

async function main(): Promise<number> {
  const parsed = emailSchema.safeParse(process.argv[2] ?? "");
  if (!parsed.success) {
    console.error("Usage: npm run user:admin -- <email>");
    return 2;
  }
  try {
    if (await promoteToAdmin({ email: parsed.data })) {
      console.log(`${parsed.data} is now an admin.`);
      return 0;
    }
    console.error(`No user with the email ${parsed.data}. They must sign up first.`);
    return 1;
  } catch (error) {
    console.error(`Could not promote ${parsed.data}: ${(error as Error).message}`);
    return 1;
  } finally {
    await closeBackend();
  }
}

process.exitCode = await main();
