// Who the demo user pays and is paid by: everyday merchants with realistic amounts and Plaid's
// personal_finance_category, and the recurring bills, income and transfers of a household.
import "server-only";
import type { TransactionTemplate } from "./ledger";

export interface SpendingMerchant extends TransactionTemplate {
  weight: number;
  /** Dollars. */
  min: number;
  max: number;
}

const merchant = (
  name: string,
  categoryPrimary: string,
  categoryDetailed: string,
  paymentChannel: TransactionTemplate["paymentChannel"],
  weight: number,
  min: number,
  max: number,
): SpendingMerchant => ({
  name: name.toUpperCase(),
  merchantName: name,
  categoryPrimary,
  categoryDetailed,
  paymentChannel,
  weight,
  min,
  max,
});

const FOOD = "FOOD_AND_DRINK";
const TRANSPORT = "TRANSPORTATION";
const SHOPPING = "GENERAL_MERCHANDISE";

/** Debit-card spending from checking. */
export const DEBIT_MERCHANTS: readonly SpendingMerchant[] = [
  merchant("Starbucks", FOOD, "FOOD_AND_DRINK_COFFEE", "in store", 6, 4.25, 9.75),
  merchant("Trader Joe's", FOOD, "FOOD_AND_DRINK_GROCERIES", "in store", 3, 28, 95),
  merchant("Chipotle", FOOD, "FOOD_AND_DRINK_FAST_FOOD", "in store", 2, 10.5, 17.5),
  merchant("Shell", TRANSPORT, "TRANSPORTATION_GAS", "in store", 2, 32, 68),
  merchant("CVS", "MEDICAL", "MEDICAL_PHARMACIES_AND_SUPPLEMENTS", "in store", 1, 6, 45),
  merchant("Lyft", TRANSPORT, "TRANSPORTATION_TAXIS_AND_RIDE_SHARES", "online", 1, 8, 29),
];

/** Credit-card spending. */
export const CARD_MERCHANTS: readonly SpendingMerchant[] = [
  merchant("Starbucks", FOOD, "FOOD_AND_DRINK_COFFEE", "in store", 5, 4.25, 9.75),
  merchant("Whole Foods", FOOD, "FOOD_AND_DRINK_GROCERIES", "in store", 5, 24, 145),
  merchant("Uber", TRANSPORT, "TRANSPORTATION_TAXIS_AND_RIDE_SHARES", "online", 4, 9, 38),
  merchant("Uber Eats", FOOD, "FOOD_AND_DRINK_RESTAURANT", "online", 2, 18, 52),
  merchant("Amazon", SHOPPING, "GENERAL_MERCHANDISE_ONLINE_MARKETPLACES", "online", 4, 9, 120),
  merchant("Target", SHOPPING, "GENERAL_MERCHANDISE_SUPERSTORES", "in store", 2, 15, 95),
  merchant("Sweetgreen", FOOD, "FOOD_AND_DRINK_RESTAURANT", "in store", 2, 12, 18),
  merchant("McDonald's", FOOD, "FOOD_AND_DRINK_FAST_FOOD", "in store", 1, 6, 14),
  merchant("Apple", SHOPPING, "GENERAL_MERCHANDISE_ELECTRONICS", "online", 1, 0.99, 9.99),
  merchant("United Airlines", "TRAVEL", "TRAVEL_FLIGHTS", "online", 0.15, 180, 620),
];

const recurring = (
  name: string,
  merchantName: string | null,
  categoryPrimary: string,
  categoryDetailed: string,
  paymentChannel: TransactionTemplate["paymentChannel"] = "other",
): TransactionTemplate => ({ name, merchantName, categoryPrimary, categoryDetailed, paymentChannel });

export const PAYROLL = recurring("ACME CORP PAYROLL PPD", "Acme Corp", "INCOME", "INCOME_WAGES");
export const RENT = recurring(
  "PARKSIDE APARTMENTS RENT",
  "Parkside Apartments",
  "RENT_AND_UTILITIES",
  "RENT_AND_UTILITIES_RENT",
  "online",
);
export const ELECTRIC = recurring(
  "PG&E WEB ONLINE",
  "PG&E",
  "RENT_AND_UTILITIES",
  "RENT_AND_UTILITIES_GAS_AND_ELECTRICITY",
  "online",
);
export const INTERNET = recurring(
  "COMCAST XFINITY",
  "Xfinity",
  "RENT_AND_UTILITIES",
  "RENT_AND_UTILITIES_INTERNET_AND_CABLE",
  "online",
);
export const PHONE = recurring(
  "VERIZON WIRELESS",
  "Verizon",
  "RENT_AND_UTILITIES",
  "RENT_AND_UTILITIES_TELEPHONE",
  "online",
);
export const NETFLIX = recurring("NETFLIX.COM", "Netflix", "ENTERTAINMENT", "ENTERTAINMENT_TV_AND_MOVIES", "online");
export const SPOTIFY = recurring("SPOTIFY USA", "Spotify", "ENTERTAINMENT", "ENTERTAINMENT_MUSIC_AND_AUDIO", "online");
export const GYM = recurring(
  "PLANET FITNESS",
  "Planet Fitness",
  "PERSONAL_CARE",
  "PERSONAL_CARE_GYMS_AND_FITNESS_CENTERS",
  "online",
);
export const STUDENT_LOAN_PAYMENT = recurring(
  "GREAT LAKES STUDENT LOAN",
  "Great Lakes",
  "LOAN_PAYMENTS",
  "LOAN_PAYMENTS_STUDENT_LOAN_PAYMENT",
);
export const CARD_AUTOPAY = recurring(
  "FIRST PLATYPUS CARD AUTOPAY",
  null,
  "LOAN_PAYMENTS",
  "LOAN_PAYMENTS_CREDIT_CARD_PAYMENT",
);
export const CARD_PAYMENT_RECEIVED = recurring(
  "AUTOMATIC PAYMENT - THANK YOU",
  null,
  "LOAN_PAYMENTS",
  "LOAN_PAYMENTS_CREDIT_CARD_PAYMENT",
);
export const TO_SAVINGS = recurring("ONLINE TRANSFER TO SAVINGS 1111", null, "TRANSFER_OUT", "TRANSFER_OUT_SAVINGS");
export const FROM_CHECKING = recurring(
  "ONLINE TRANSFER FROM CHECKING 0000",
  null,
  "TRANSFER_IN",
  "TRANSFER_IN_ACCOUNT_TRANSFER",
);
export const TO_CHECKING = recurring(
  "OVERDRAFT PROTECTION TRANSFER TO CHECKING",
  null,
  "TRANSFER_OUT",
  "TRANSFER_OUT_ACCOUNT_TRANSFER",
);
export const FROM_SAVINGS = recurring(
  "OVERDRAFT PROTECTION FROM SAVINGS 1111",
  null,
  "TRANSFER_IN",
  "TRANSFER_IN_SAVINGS",
);
export const INTEREST = recurring("INTEREST PAYMENT", null, "INCOME", "INCOME_INTEREST_EARNED");
export const MM_DEPOSIT = recurring("MOBILE CHECK DEPOSIT", null, "TRANSFER_IN", "TRANSFER_IN_DEPOSIT");
