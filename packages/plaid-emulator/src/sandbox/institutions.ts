// The institutions of Plaid's sandbox, as /institutions/get_by_id returns them with
// include_optional_metadata (url, primary_color, logo). Callers that answer without the optional
// metadata drop those three fields.
import { CountryCode, type Institution, Products } from "plaid";
import { drawInstitutionLogo, type LogoPattern } from "./logos.ts";

// The sandbox institutions' products (each may leave some out: `without`); none uses OAuth.
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
];

export const SANDBOX_INSTITUTIONS: Institution[] = SPECS.map(
  ({ institution_id, name, primary_color, pattern, routing_numbers, without = [] }) => ({
    institution_id,
    name,
    products: PRODUCTS.filter((product) => !without.includes(product)),
    country_codes: [CountryCode.Us],
    url: "https://plaid.com",
    primary_color,
    logo: drawInstitutionLogo({ pattern, color: primary_color }),
    routing_numbers,
    oauth: false,
  }),
);

/** A copy of the institution, or null when the id is not one of the sandbox's. */
export function findSandboxInstitution(institutionId: string): Institution | null {
  const institution = SANDBOX_INSTITUTIONS.find((candidate) => candidate.institution_id === institutionId);
  return institution ? structuredClone(institution) : null;
}

/** Institutions whose name contains `query` (case-insensitive); a blank query returns them all. */
export function searchSandboxInstitutions(query: string): Institution[] {
  const needle = query.trim().toLowerCase();
  return SANDBOX_INSTITUTIONS.filter((institution) => institution.name.toLowerCase().includes(needle)).map(
    (institution) => structuredClone(institution),
  );
}
