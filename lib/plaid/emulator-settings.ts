// The served emulator's own settings: the one key pair it accepts (and the app calls it with), and the
// hosts it may send webhooks to. Read from the environment alone, so the emulator's mount does not
// depend on lib/plaid/config (which tests replace with an emulator of their own).
import "server-only";
import { type Env, env } from "@/lib/env";

// The pair in development and tests, where PLAID_EMULATOR_CLIENT_ID and _SECRET may be unset (a
// production server with the emulator on must set its own: lib/env.ts).
export const DEVELOPMENT_EMULATOR_CLIENT_ID = "mingus-emulator-client";
export const DEVELOPMENT_EMULATOR_SECRET = "mingus-emulator-secret";

export function emulatorCredentials(settings: Env = env): { clientId: string; secret: string } {
  return {
    clientId: settings.PLAID_EMULATOR_CLIENT_ID ?? DEVELOPMENT_EMULATOR_CLIENT_ID,
    secret: settings.PLAID_EMULATOR_SECRET ?? DEVELOPMENT_EMULATOR_SECRET,
  };
}

/** The hosts the served emulator sends webhooks to: PLAID_EMULATOR_WEBHOOK_HOSTS, else the app's own. */
export function emulatorWebhookHosts(settings: Env = env): string[] {
  return settings.PLAID_EMULATOR_WEBHOOK_HOSTS ?? [new URL(settings.APP_URL ?? settings.NEXTAUTH_URL).host];
}
