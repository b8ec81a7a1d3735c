// Which Plaid Mingus talks to: Plaid itself when PLAID_ENV and both keys are set, otherwise the Plaid
// emulator (@mingus/plaid-emulator), which the app serves under /api/plaid-emulator in development and
// tests, or anywhere with PLAID_EMULATOR=on. Everything else asks here, never process.env.
import "server-only";
import type { CountryCode } from "plaid";
import { type Env, env } from "@/lib/env";
import { emulatorCredentials } from "./emulator-settings";

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
  /** Where OAuth banks send people back to, with oauth_state_id: the URI registered in Plaid's dashboard. */
  redirectUri: string;
  /** The countries Link offers institutions of. */
  countryCodes: CountryCode[];
};

const PLAID_HOSTS = { sandbox: "https://sandbox.plaid.com", production: "https://production.plaid.com" } as const;

export function resolvePlaidConfig(settings: Env): PlaidConfig {
  const appUrl = (settings.APP_URL ?? settings.NEXTAUTH_URL).replace(/\/+$/, "");
  const webhookUrl = `${appUrl}/api/plaid/webhook`;
  const linking = {
    redirectUri: settings.PLAID_REDIRECT_URI ?? `${appUrl}/oauth-return`,
    countryCodes: settings.PLAID_COUNTRY_CODES,
  };
  if (settings.PLAID_ENV && settings.PLAID_CLIENT_ID && settings.PLAID_SECRET) {
    return {
      mode: settings.PLAID_ENV,
      basePath: PLAID_HOSTS[settings.PLAID_ENV],
      clientId: settings.PLAID_CLIENT_ID,
      secret: settings.PLAID_SECRET,
      appUrl,
      webhookUrl,
      ...linking,
    };
  }
  return {
    mode: "emulator",
    basePath: (settings.PLAID_EMULATOR_URL ?? `${appUrl}/api/plaid-emulator`).replace(/\/+$/, ""),
    ...emulatorCredentials(settings),
    appUrl,
    webhookUrl,
    ...linking,
  };
}

export function getPlaidConfig(): PlaidConfig {
  return resolvePlaidConfig(env);
}

/** True when the app talks to an emulator and shows the Link stand-in. */
export function isPlaidEmulated(): boolean {
  return getPlaidConfig().mode === "emulator";
}

/**
 * Whether this server serves the emulator under /api/plaid-emulator: only without Plaid's keys, and
 * then in development and tests, or in production when PLAID_EMULATOR=on asks for it (a demo).
 * PLAID_EMULATOR=off leaves it to an emulator elsewhere (PLAID_EMULATOR_URL).
 */
export function isEmulatorMounted(settings: Env = env): boolean {
  if (resolvePlaidConfig(settings).mode !== "emulator" || settings.PLAID_EMULATOR === "off") return false;
  return settings.PLAID_EMULATOR === "on" || settings.NODE_ENV !== "production";
}

/**
 * Why a production server must not start, or null: with neither Plaid's keys nor PLAID_EMULATOR=on it
 * would send people's bank links to an emulator nobody chose.
 */
export function plaidStartupProblem(settings: Env = env): string | null {
  if (settings.NODE_ENV !== "production" || resolvePlaidConfig(settings).mode !== "emulator") return null;
  if (settings.PLAID_EMULATOR === "on") return null;
  return (
    "Plaid is not configured. Either set PLAID_ENV (sandbox or production) with PLAID_CLIENT_ID and " +
    "PLAID_SECRET to use Plaid, or set PLAID_EMULATOR=on to run on the built-in Plaid emulator for a demo " +
    "(anyone who can reach this server can then use the emulator's test endpoints)."
  );
}
