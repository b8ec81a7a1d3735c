// What the demo user has: the login, the two sandbox institutions and the accounts of every type, with
// the descriptive details a bank reports. Amounts over time come from the generators, not from here.
import "server-only";
import type { AccountType } from "@/lib/db/vocabulary";

export const DEMO_EMAIL = "demo@mingus.local";
export const DEMO_PASSWORD = "mingus-demo";
export const DEMO_NAME = "Demo User";
/** Seeded items are never linked to Plaid; sync code can recognise them by this and `metadata.demo`. */
export const DEMO_ACCESS_TOKEN = "seed:demo-item:not-linked";
export const DEMO_ITEM_PREFIX = "demo-";

export type ConnectionKey = "first-platypus" | "tattersall";

export interface DemoInstitution {
  key: ConnectionKey;
  itemId: string;
  institutionId: string;
  institutionName: string;
  primaryColor: string;
  url: string;
  syncFrequency: "daily" | "hourly";
}

export const INSTITUTIONS: readonly DemoInstitution[] = [
  {
    key: "first-platypus",
    itemId: "demo-item-first-platypus",
    institutionId: "ins_109508",
    institutionName: "First Platypus Bank",
    primaryColor: "#1F6FEB",
    url: "https://www.firstplatypus.com",
    syncFrequency: "daily",
  },
  {
    key: "tattersall",
    itemId: "demo-item-tattersall",
    institutionId: "ins_109510",
    institutionName: "Tattersall Federal Credit Union",
    primaryColor: "#0B7A75",
    url: "https://www.tattersallfcu.com",
    syncFrequency: "hourly",
  },
];

export type AccountKey =
  | "checking"
  | "savings"
  | "cd"
  | "credit-card"
  | "money-market"
  | "ira"
  | "401k"
  | "student-loan"
  | "mortgage"
  | "escrow";

export interface DemoAccount {
  key: AccountKey;
  connection: ConnectionKey;
  name: string;
  mask: string;
  type: AccountType;
  subtype: string;
  accountType: string;
  interestRate?: number;
  apr?: number;
  /** Dollars. */
  minimumBalance?: number;
  monthlyFee?: number;
  routingNumber?: string;
  tags: string[];
  notes: string;
  metadata?: Record<string, unknown>;
}

const FIRST_PLATYPUS_ROUTING = "•••••0021";
const TATTERSALL_ROUTING = "•••••1533";

export const ACCOUNTS: readonly DemoAccount[] = [
  {
    key: "checking",
    connection: "first-platypus",
    name: "Plaid Checking",
    mask: "0000",
    type: "depository",
    subtype: "checking",
    accountType: "checking",
    interestRate: 0.01,
    minimumBalance: 0,
    monthlyFee: 0,
    routingNumber: FIRST_PLATYPUS_ROUTING,
    tags: ["everyday", "bills"],
    notes: "Payroll lands here; rent, utilities and the card autopay go out.",
  },
  {
    key: "savings",
    connection: "first-platypus",
    name: "Plaid Saving",
    mask: "1111",
    type: "depository",
    subtype: "savings",
    accountType: "savings",
    interestRate: 4.1,
    minimumBalance: 300,
    monthlyFee: 5,
    routingNumber: FIRST_PLATYPUS_ROUTING,
    tags: ["emergency fund"],
    notes: "Surplus from checking is swept here twice a month. Fee waived above the minimum balance.",
  },
  {
    key: "cd",
    connection: "tattersall",
    name: "Plaid CD",
    mask: "2222",
    type: "depository",
    subtype: "cd",
    accountType: "savings",
    interestRate: 5,
    minimumBalance: 1000,
    monthlyFee: 0,
    routingNumber: TATTERSALL_ROUTING,
    tags: ["locked"],
    notes: "12-month certificate, renewed automatically; interest credited monthly.",
    metadata: { term_months: 12 },
  },
  {
    key: "credit-card",
    connection: "first-platypus",
    name: "Plaid Credit Card",
    mask: "3333",
    type: "credit",
    subtype: "credit card",
    accountType: "credit_card",
    apr: 24.99,
    monthlyFee: 0,
    tags: ["rewards", "travel"],
    notes: "Statement closes on the 5th; paid in full from checking on the 28th.",
    metadata: { statement_close_day: 5, payment_day: 28 },
  },
  {
    key: "money-market",
    connection: "tattersall",
    name: "Plaid Money Market",
    mask: "4444",
    type: "depository",
    subtype: "money market",
    accountType: "savings",
    interestRate: 4.25,
    minimumBalance: 2500,
    monthlyFee: 12,
    routingNumber: TATTERSALL_ROUTING,
    tags: ["savings", "house fund"],
    notes: "Fee waived above the minimum balance.",
  },
  {
    key: "ira",
    connection: "first-platypus",
    name: "Plaid IRA",
    mask: "5555",
    type: "investment",
    subtype: "ira",
    accountType: "retirement",
    tags: ["retirement"],
    notes: "Roth IRA in a target-date 2055 fund.",
  },
  {
    key: "401k",
    connection: "tattersall",
    name: "Plaid 401k",
    mask: "6666",
    type: "investment",
    subtype: "401k",
    accountType: "retirement",
    tags: ["retirement", "employer match"],
    notes: "6% contribution each payday with a 50% employer match.",
  },
  {
    key: "student-loan",
    connection: "first-platypus",
    name: "Plaid Student Loan",
    mask: "7777",
    type: "loan",
    subtype: "student",
    accountType: "loan",
    interestRate: 5.5,
    tags: ["debt"],
    notes: "Autopay from checking on the 10th.",
    metadata: { servicer: "Great Lakes", repayment_plan: "standard" },
  },
  {
    key: "mortgage",
    connection: "tattersall",
    name: "Plaid Mortgage",
    mask: "8888",
    type: "loan",
    subtype: "mortgage",
    accountType: "loan",
    interestRate: 6.25,
    tags: ["debt", "rental property"],
    notes: "30-year fixed on the rental condo; the tenant's rent covers the payment.",
    metadata: { term_years: 30, origination_principal: "318000.00" },
  },
  {
    key: "escrow",
    connection: "tattersall",
    name: "Plaid Escrow",
    mask: "9999",
    type: "other",
    subtype: "other",
    accountType: "other",
    tags: ["rental property"],
    notes: "Escrow for the rental condo: property tax in April and November, insurance in July.",
  },
];
