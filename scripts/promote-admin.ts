// `npm run user:admin -- <email>`: grants an existing user admin, whatever ADMIN_EMAILS says; the grant
// is recorded (users.admin_granted_at). An address nobody has confirmed is refused unless `--force`.
// `npm run user:admin -- --revoke <email>` takes it back, leaving the role ADMIN_EMAILS gives a
// confirmed address.
import "@/scripts/load-env";
import { emailSchema, promoteToAdmin, revokeAdmin } from "@/lib/auth/users";
import { closeBackend } from "@/lib/db/client";

const USAGE = "Usage: npm run user:admin -- [--revoke | --force] <email>";

async function main(args: string[]): Promise<number> {
  const revoke = args[0] === "--revoke";
  const force = args[0] === "--force";
  const rest = revoke || force ? args.slice(1) : args;
  const parsed = emailSchema.safeParse(rest[0] ?? "");
  if (rest.length !== 1 || !parsed.success) {
    console.error(USAGE);
    return 2;
  }
  const email = parsed.data;
  try {
    if (revoke) {
      const role = await revokeAdmin({ email });
      if (role === null) {
        console.error(`No user with the email ${email}.`);
        return 1;
      }
      console.log(
        role === "admin"
          ? `${email} no longer has an explicit grant, but stays admin: ADMIN_EMAILS lists the address and it is confirmed.`
          : `${email} is no longer an admin.`,
      );
      return 0;
    }
    const outcome = await promoteToAdmin({ email, force });
    if (outcome === "granted") {
      console.log(`${email} is now an admin.`);
      return 0;
    }
    console.error(
      outcome === "unknown"
        ? `No user with the email ${email}. They must sign up first.`
        : `${email} has not confirmed their address, so whoever signed up with it may not own it. Ask them to open the link from Settings → Security, or pass --force.`,
    );
    return 1;
  } catch (error) {
    console.error(`Could not change ${email}: ${(error as Error).message}`);
    return 1;
  } finally {
    await closeBackend();
  }
}

process.exitCode = await main(process.argv.slice(2));
