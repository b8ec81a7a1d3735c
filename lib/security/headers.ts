// The security headers of every page: a Content-Security-Policy with a fresh nonce per response (Next.js
// puts the nonce on its own scripts when it finds it in the request's policy), and the headers that
// need the running configuration (HSTS only when the app is served over https). The fixed ones
// (nosniff, Referrer-Policy, Permissions-Policy, X-Frame-Options) are in next.config.js, so they reach
// static files too. docs/security.md explains each choice.

export type PolicyContext = {
  nonce: string;
  /** `next dev`: React's development build evaluates strings for its error overlay. */
  development: boolean;
  /** Plaid's own Link (its script from cdn.plaid.com and its iframe) when real Plaid is configured. */
  plaid: { mode: "emulator"; emulatorOrigin: string } | { mode: "sandbox" | "production"; apiOrigin: string };
  /** The app's own origin, where everything else comes from. */
  appOrigin: string;
  https: boolean;
};

// Plaid's documented sources for Link on the web.
const PLAID_LINK_SCRIPT = "https://cdn.plaid.com/link/v2/stable/link-initialize.js";
const PLAID_LINK_FRAME = "https://cdn.plaid.com";

/** A nonce for one response: 128 random bits, base64. */
export function createNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

export function contentSecurityPolicy({ nonce, development, plaid, appOrigin, https }: PolicyContext): string {
  const realPlaid = plaid.mode !== "emulator";
  // The stand-in for Link calls the emulator, which may run on an origin of its own (npm run emulator).
  const emulatorElsewhere = plaid.mode === "emulator" && plaid.emulatorOrigin !== appOrigin;
  const directives: [string, ...string[]][] = [
    ["default-src", "'self'"],
    // 'strict-dynamic': scripts that a nonce'd script loads (Next's chunks, Plaid's Link initializer)
    // run; hosts listed beside it only matter to browsers older than CSP 3.
    [
      "script-src",
      "'self'",
      `'nonce-${nonce}'`,
      "'strict-dynamic'",
      ...(development ? ["'unsafe-eval'"] : []),
      ...(realPlaid ? [PLAID_LINK_SCRIPT] : []),
    ],
    // React writes style attributes (account colours, chart sizes) into the server's HTML; a nonce
    // cannot cover attributes. Styles cannot run code; scripts stay strict.
    ["style-src", "'self'", "'unsafe-inline'"],
    ["img-src", "'self'", "data:", "blob:"],
    ["font-src", "'self'"],
    [
      "connect-src",
      "'self'",
      ...(realPlaid ? [plaid.apiOrigin] : []),
      ...(emulatorElsewhere ? [plaid.emulatorOrigin] : []),
    ],
    ["frame-src", ...(realPlaid ? [PLAID_LINK_FRAME] : ["'none'"])],
    ["worker-src", "'self'"],
    ["manifest-src", "'self'"],
    ["object-src", "'none'"],
    ["base-uri", "'self'"],
    ["form-action", "'self'"],
    // No page of Mingus may be framed (Unlink, Delete: clickjacking).
    ["frame-ancestors", "'none'"],
    ...(https ? ([["upgrade-insecure-requests"]] as [string][]) : []),
  ];
  return directives.map((directive) => directive.join(" ")).join("; ");
}

/** Strict-Transport-Security for an app served over https, else nothing. */
export function transportSecurity(https: boolean): Record<string, string> {
  return https ? { "Strict-Transport-Security": "max-age=63072000; includeSubDomains" } : {};
}
