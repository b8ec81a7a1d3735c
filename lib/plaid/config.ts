// Which Plaid Mingus talks to: Plaid itself when PLAID_ENV and both keys are set, otherwise the local
// emulator the app serves under /api/plaid-emulator. Everything else asks here, never process.env.
import "server-only";
import { type Env, env } from "@/lib/env";

export type PlaidMode = "emulator" | "sandbox" | "production";

export type PlaidConfig = {
  mode: PlaidMode;
  /** Base URL of the Plaid API the client calls (Plaid's host, or the emulator's). */
  basePath: string;
  clientId: string;
  secret: string;
  /** Where the app is reached; Plaid's webhooks are sent to `${appUrl}/api/plaid/webhook`. */
  appUrl: string;
  webhookUrl: string;
};

const PLAID_HOSTS = { sandbox: "https://sandbox.plaid.com", production: "https://production.plaid.com" } as const;

// The emulator accepts any non-empty pair; these name the caller in its records.
const EMULATOR_CLIENT_ID = "mingus-emulator-client";
const EMULATOR_SECRET = "mingus-emulator-secret";

export function resolvePlaidConfig(settings: Env): PlaidConfig {
  const appUrl = (settings.APP_URL ?? settings.NEXTAUTH_URL).replace(/\/+$/, "");
  const webhookUrl = `${appUrl}/api/plaid/webhook`;
  if (settings.PLAID_ENV && settings.PLAID_CLIENT_ID && settings.PLAID_SECRET) {
    return {
      mode: settings.PLAID_ENV,
      basePath: PLAID_HOSTS[settings.PLAID_ENV],
      clientId: settings.PLAID_CLIENT_ID,
      secret: settings.PLAID_SECRET,
      appUrl,
      webhookUrl,
    };
  }
  return {
    mode: "emulator",
    basePath: (settings.PLAID_EMULATOR_URL ?? `${appUrl}/api/plaid-emulator`).replace(/\/+$/, ""),
    clientId: EMULATOR_CLIENT_ID,
    secret: EMULATOR_SECRET,
    appUrl,
    webhookUrl,
  };
}

export function getPlaidConfig(): PlaidConfig {
  return resolvePlaidConfig(env);
}

/** True when the app serves the emulator and shows the Link stand-in. */
export function isPlaidEmulated(): boolean {
  return getPlaidConfig().mode === "emulator";
}
