// The institutions of Plaid's sandbox, as /institutions/get_by_id returns them with
// include_optional_metadata (url, primary_color, logo). Callers that answer without the optional
// metadata drop those three fields.
import { CountryCode, type Institution, Products } from "plaid";
import { drawInstitutionLogo, type LogoPattern } from "./logos.ts";

// The sandbox institutions' products (each may leave some out: `without`). The first five sign in with
// credentials; the OAuth ones (as in Plaid's sandbox, and as every UK and euro-area bank is) send the
// person to the bank's own consent page instead.
const PRODUCTS: Products[] = [
  Products.Assets,
  Products.Auth,
  Products.Balance,
  Products.Transactions,
  Products.Identity,
  Products.Investments,
  Products.Liabilities,
  Products.RecurringTransactions,
  Products.TransactionsRefresh,
];

type InstitutionSpec = {
  institution_id: string;
  name: string;
  primary_color: string;
  pattern: LogoPattern;
  routing_numbers: string[];
  /** Products of PRODUCTS this institution does not offer (Link leaves them off optional_products). */
  without?: Products[];
  country?: CountryCode;
  oauth?: boolean;
  /** The ISO-4217 code of the accounts an item here has; USD unless said. */
  currency?: string;
};

// Routing numbers are ABA-checksum-valid; First Platypus keeps the ones Plaid's sandbox Auth returns.
const SPECS: InstitutionSpec[] = [
  {
    institution_id: "ins_109508",
    name: "First Platypus Bank",
    primary_color: "#0b6e99",
    pattern: "platypus",
    routing_numbers: ["011401533", "011000138"],
  },
  {
    institution_id: "ins_109509",
    name: "First Gingham Credit Union",
    primary_color: "#d2383f",
    pattern: "gingham",
    routing_numbers: ["021101409"],
  },
  {
    institution_id: "ins_109510",
    name: "Tattersall Federal Credit Union",
    primary_color: "#2e7d32",
    pattern: "tattersall",
    routing_numbers: ["031101101"],
  },
  {
    institution_id: "ins_109511",
    name: "Tartan Bank",
    primary_color: "#1a3a6b",
    pattern: "tartan",
    routing_numbers: ["041200571"],
  },
  {
    institution_id: "ins_109512",
    name: "Houndstooth Bank",
    primary_color: "#222222",
    pattern: "houndstooth",
    routing_numbers: ["051402136"],
    // A bank without Liabilities, so an app can meet PRODUCTS_NOT_SUPPORTED and a dropped optional product.
    without: [Products.Liabilities],
  },
  {
    institution_id: "ins_127287",
    name: "Platypus OAuth Bank",
    primary_color: "#6a1b9a",
    pattern: "platypus",
    routing_numbers: ["011401533"],
    oauth: true,
  },
  // The emulator's own European banks (Plaid's sandbox ids for its UK and EU test banks vary by region).
  {
    institution_id: "ins_117650",
    name: "Royal Bank of Plaid",
    primary_color: "#00395d",
    pattern: "tartan",
    routing_numbers: [],
    country: CountryCode.Gb,
    oauth: true,
    currency: "GBP",
  },
  {
    institution_id: "ins_130960",
    name: "Banco Ornitorrinco",
    primary_color: "#c62828",
    pattern: "gingham",
    routing_numbers: [],
    country: CountryCode.Es,
    oauth: true,
    currency: "EUR",
  },
];

export const SANDBOX_INSTITUTIONS: Institution[] = SPECS.map(
  ({
    institution_id,
    name,
    primary_color,
    pattern,
    routing_numbers,
    without = [],
    country = CountryCode.Us,
    oauth = false,
  }) => ({
    institution_id,
    name,
    products: PRODUCTS.filter((product) => !without.includes(product)),
    country_codes: [country],
    url: "https://plaid.com",
    primary_color,
    logo: drawInstitutionLogo({ pattern, color: primary_color }),
    routing_numbers,
    oauth,
  }),
);

/** The currency of an item's accounts at this institution (USD for an unknown one, as the sandbox's). */
export function institutionCurrency(institutionId: string): string {
  return SPECS.find((spec) => spec.institution_id === institutionId)?.currency ?? "USD";
}

/** A copy of the institution, or null when the id is not one of the sandbox's. */
export function findSandboxInstitution(institutionId: string): Institution | null {
  const institution = SANDBOX_INSTITUTIONS.find((candidate) => candidate.institution_id === institutionId);
  return institution ? structuredClone(institution) : null;
}

/** Whether the institution serves any of these countries (Plaid's country_codes filter). */
export function servesCountry(institution: Institution, countryCodes: readonly string[]): boolean {
  return institution.country_codes.some((code) => countryCodes.includes(code));
}

/**
 * Institutions whose name contains `query` (case-insensitive) in any of `countryCodes`; a blank query
 * returns them all.
 */
export function searchSandboxInstitutions(query: string, countryCodes: readonly string[]): Institution[] {
  const needle = query.trim().toLowerCase();
  return SANDBOX_INSTITUTIONS.filter(
    (institution) => institution.name.toLowerCase().includes(needle) && servesCountry(institution, countryCodes),
  ).map((institution) => structuredClone(institution));
}
