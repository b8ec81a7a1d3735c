// The catalogue the sandbox history draws from: real-world merchants and the bank's own entries
// (payroll, interest, transfers, payments), each with the statement text, enrichment, Plaid's personal
// finance category, the legacy category and the payment channel Plaid reports for it.
import { CounterpartyType, type Location, TransactionPaymentChannelEnum } from "plaid";
import type { AmountSpec } from "./prng.ts";

export type Merchant = {
  key: string;
  /** Statement text (Plaid's `name`); "{mask}" stands for the other account's mask. */
  description: string;
  merchantName: string | null;
  website: string | null;
  /** File name under plaid-merchant-logos.plaid.com. */
  logo: string | null;
  counterparty: CounterpartyType | null;
  /** Plaid personal finance category, detailed level; the primary level is its prefix. */
  pfc: string;
  legacyCategoryId: string;
  channel: TransactionPaymentChannelEnum;
  amount: AmountSpec;
  location: Location;
};

const LEGACY_CATEGORIES: Record<string, string[]> = {
  "13005000": ["Food and Drink", "Restaurants"],
  "13005032": ["Food and Drink", "Restaurants", "Fast Food"],
  "13005043": ["Food and Drink", "Restaurants", "Coffee Shop"],
  "15002000": ["Interest", "Interest Charged"],
  "16000000": ["Payment"],
  "16001000": ["Payment", "Credit Card"],
  "17018000": ["Recreation", "Gyms and Fitness Centers"],
  "18009000": ["Service", "Cable"],
  "18030000": ["Service", "Insurance"],
  "18061000": ["Service", "Subscription"],
  "18063000": ["Service", "Telecommunication Services"],
  "18068000": ["Service", "Utilities"],
  "19000000": ["Shops"],
  "19013000": ["Shops", "Computers and Electronics"],
  "19018000": ["Shops", "Department Stores"],
  "19019000": ["Shops", "Digital Purchase"],
  "19043000": ["Shops", "Pharmacies"],
  "19046000": ["Shops", "Sporting Goods"],
  "19047000": ["Shops", "Supermarkets and Groceries"],
  "21001000": ["Transfer", "Internal Account Transfer"],
  "21005000": ["Transfer", "Credit"],
  "21007000": ["Transfer", "Deposit"],
  "21009000": ["Transfer", "Payroll"],
  "21010001": ["Transfer", "Third Party", "Venmo"],
  "21012002": ["Transfer", "Withdrawal", "ATM"],
  "22001000": ["Travel", "Airlines and Aviation Services"],
  "22009000": ["Travel", "Gas Stations"],
  "22012000": ["Travel", "Lodging"],
  "22014000": ["Travel", "Public Transportation Services"],
  "22016000": ["Travel", "Taxi"],
};

const PFC_PRIMARIES = [
  "BANK_FEES",
  "ENTERTAINMENT",
  "FOOD_AND_DRINK",
  "GENERAL_MERCHANDISE",
  "GENERAL_SERVICES",
  "GOVERNMENT_AND_NON_PROFIT",
  "HOME_IMPROVEMENT",
  "INCOME",
  "LOAN_PAYMENTS",
  "MEDICAL",
  "PERSONAL_CARE",
  "RENT_AND_UTILITIES",
  "TRANSFER_IN",
  "TRANSFER_OUT",
  "TRANSPORTATION",
  "TRAVEL",
];

export const NO_LOCATION: Location = {
  address: null,
  city: null,
  region: null,
  postal_code: null,
  country: null,
  lat: null,
  lon: null,
  store_number: null,
};

// [address, city, region, postal code, lat, lon, store number] of the branch the person shops at.
type Store = [string, string, string, string, number, number, string | null];
const STORES: Record<string, Store> = {
  starbucks: ["201 Powell St", "San Francisco", "CA", "94102", 37.7873, -122.4079, "5486"],
  "blue-bottle": ["66 Mint St", "San Francisco", "CA", "94103", 37.7822, -122.4075, null],
  philz: ["3101 24th St", "San Francisco", "CA", "94110", 37.7527, -122.4143, "12"],
  mcdonalds: ["609 Geary St", "San Francisco", "CA", "94102", 37.7868, -122.4134, "3171"],
  kfc: ["3900 Geary Blvd", "San Francisco", "CA", "94118", 37.7815, -122.4614, "781"],
  chipotle: ["211 Sutter St", "San Francisco", "CA", "94108", 37.7897, -122.4039, "1234"],
  "whole-foods": ["1765 California St", "San Francisco", "CA", "94109", 37.7899, -122.4241, "10234"],
  safeway: ["2020 Market St", "San Francisco", "CA", "94114", 37.7685, -122.4277, "1507"],
  "trader-joes": ["555 9th St", "San Francisco", "CA", "94103", 37.7706, -122.4078, "236"],
  shell: ["1798 Fell St", "San Francisco", "CA", "94117", 37.7731, -122.4531, "57442"],
  chevron: ["2675 Lombard St", "San Francisco", "CA", "94123", 37.7988, -122.4457, "0209837"],
  target: ["789 Mission St", "San Francisco", "CA", "94103", 37.7843, -122.4035, "2766"],
  "madison-bicycle": ["1024 Regent St", "Madison", "WI", "53715", 43.0677, -89.4064, null],
  rei: ["840 Brannan St", "San Francisco", "CA", "94103", 37.7712, -122.4053, "61"],
  walgreens: ["135 Powell St", "San Francisco", "CA", "94102", 37.7858, -122.4077, "3075"],
  cvs: ["731 Market St", "San Francisco", "CA", "94103", 37.7865, -122.4038, "9988"],
  touchstone: ["1230 Bryant St", "San Francisco", "CA", "94103", 37.7716, -122.4105, null],
  marriott: ["1525 8th Ave", "Seattle", "WA", "98101", 47.6127, -122.3352, null],
};

const { Merchant: MERCHANT, Marketplace, PaymentApp, IncomeSource } = CounterpartyType;
const { Online, InStore, Other } = TransactionPaymentChannelEnum;

type Row = [string, string, string | null, string | null, string | null, CounterpartyType | null, string, string];
type Rows = Array<[...Row, TransactionPaymentChannelEnum, AmountSpec]>;

// key, statement text, merchant name, website, logo, counterparty type, PFC detailed, legacy id, channel, amount
// biome-ignore format: one merchant per line reads as a table
const ROWS: Rows = [
  ["starbucks", "Starbucks", "Starbucks", "starbucks.com", "starbucks_956.png", MERCHANT, "FOOD_AND_DRINK_COFFEE", "13005043", InStore, { mean: 6.2, sd: 1.8, min: 2.45, max: 16 }],
  ["blue-bottle", "BLUE BOTTLE COFFEE SF", "Blue Bottle Coffee", "bluebottlecoffee.com", "blue_bottle_coffee_1012.png", MERCHANT, "FOOD_AND_DRINK_COFFEE", "13005043", InStore, { mean: 7.5, sd: 2, min: 4.5, max: 18 }],
  ["philz", "PHILZ COFFEE #12", "Philz Coffee", "philzcoffee.com", "philz_coffee_1130.png", MERCHANT, "FOOD_AND_DRINK_COFFEE", "13005043", InStore, { mean: 6.8, sd: 1.5, min: 4, max: 15 }],
  ["mcdonalds", "McDonald's", "McDonald's", "mcdonalds.com", "mcdonalds_619.png", MERCHANT, "FOOD_AND_DRINK_FAST_FOOD", "13005032", InStore, { mean: 10.5, sd: 3.5, min: 3.5, max: 26 }],
  ["kfc", "KFC", "KFC", "kfc.com", "kfc_1022.png", MERCHANT, "FOOD_AND_DRINK_FAST_FOOD", "13005032", InStore, { mean: 13, sd: 4, min: 5, max: 32 }],
  ["chipotle", "CHIPOTLE 1234", "Chipotle Mexican Grill", "chipotle.com", "chipotle_mexican_grill_1032.png", MERCHANT, "FOOD_AND_DRINK_FAST_FOOD", "13005032", InStore, { mean: 14.2, sd: 3, min: 8, max: 30 }],
  ["tectra", "Tectra Inc", "Tectra Inc", null, null, MERCHANT, "FOOD_AND_DRINK_RESTAURANT", "13005000", InStore, { mean: 52, sd: 22, min: 14, max: 190 }],
  ["cheesecake", "THE CHEESECAKE FACTORY", "The Cheesecake Factory", "thecheesecakefactory.com", "the_cheesecake_factory_1146.png", MERCHANT, "FOOD_AND_DRINK_RESTAURANT", "13005000", InStore, { mean: 68, sd: 24, min: 22, max: 210 }],
  ["sweetgreen", "SWEETGREEN SOMA", "Sweetgreen", "sweetgreen.com", "sweetgreen_1163.png", MERCHANT, "FOOD_AND_DRINK_RESTAURANT", "13005000", InStore, { mean: 16.5, sd: 3, min: 11, max: 32 }],
  ["doordash", "DD *DOORDASH DASHPASS", "DoorDash", "doordash.com", "doordash_1051.png", Marketplace, "FOOD_AND_DRINK_RESTAURANT", "13005000", Online, { mean: 36, sd: 12, min: 12, max: 95 }],
  ["whole-foods", "WHOLEFDS SFO 10234", "Whole Foods Market", "wholefoodsmarket.com", "whole_foods_market_1181.png", MERCHANT, "FOOD_AND_DRINK_GROCERIES", "19047000", InStore, { mean: 72, sd: 32, min: 8, max: 240 }],
  ["safeway", "SAFEWAY #1507", "Safeway", "safeway.com", "safeway_1120.png", MERCHANT, "FOOD_AND_DRINK_GROCERIES", "19047000", InStore, { mean: 58, sd: 28, min: 6, max: 210 }],
  ["trader-joes", "TRADER JOE S #236", "Trader Joe's", "traderjoes.com", "trader_joes_1173.png", MERCHANT, "FOOD_AND_DRINK_GROCERIES", "19047000", InStore, { mean: 54, sd: 22, min: 6, max: 170 }],
  ["uber", "UBER *TRIP HELP.UBER.COM", "Uber", "uber.com", "uber_1060.png", MERCHANT, "TRANSPORTATION_TAXIS_AND_RIDE_SHARES", "22016000", Online, { mean: 18, sd: 8, min: 5.5, max: 70 }],
  ["lyft", "LYFT *RIDE SUN 4PM", "Lyft", "lyft.com", "lyft_1033.png", MERCHANT, "TRANSPORTATION_TAXIS_AND_RIDE_SHARES", "22016000", Online, { mean: 16, sd: 7, min: 5, max: 60 }],
  ["clipper", "CLIPPER SERVICE CONCORD CA", "Clipper", "clippercard.com", null, MERCHANT, "TRANSPORTATION_PUBLIC_TRANSIT", "22014000", Online, { mean: 30, sd: 10, min: 10, max: 60 }],
  ["shell", "SHELL OIL 57442", "Shell", "shell.com", "shell_1125.png", MERCHANT, "TRANSPORTATION_GAS", "22009000", InStore, { mean: 52, sd: 12, min: 18, max: 90 }],
  ["chevron", "CHEVRON 0209837", "Chevron", "chevron.com", "chevron_1027.png", MERCHANT, "TRANSPORTATION_GAS", "22009000", InStore, { mean: 55, sd: 12, min: 20, max: 95 }],
  ["united", "United Airlines", "United Airlines", "united.com", "united_airlines_1065.png", MERCHANT, "TRAVEL_FLIGHTS", "22001000", Online, { mean: 390, sd: 150, min: 89, max: 1250 }],
  ["southwest", "SOUTHWES 5262471001234", "Southwest Airlines", "southwest.com", "southwest_airlines_1131.png", MERCHANT, "TRAVEL_FLIGHTS", "22001000", Online, { mean: 240, sd: 90, min: 59, max: 700 }],
  ["airbnb", "AIRBNB * HMQ2ZB4KX3", "Airbnb", "airbnb.com", "airbnb_1003.png", Marketplace, "TRAVEL_LODGING", "22012000", Online, { mean: 430, sd: 180, min: 95, max: 1500 }],
  ["marriott", "MARRIOTT SEATTLE DOWNTOWN", "Marriott", "marriott.com", "marriott_1087.png", MERCHANT, "TRAVEL_LODGING", "22012000", InStore, { mean: 320, sd: 120, min: 129, max: 950 }],
  ["amazon", "AMZN Mktp US*2K4LR1ZX0", "Amazon", "amazon.com", "amazon_1009.png", Marketplace, "GENERAL_MERCHANDISE_ONLINE_MARKETPLACES", "19019000", Online, { mean: 42, sd: 28, min: 4, max: 280 }],
  ["target", "TARGET 00027664", "Target", "target.com", "target_1160.png", MERCHANT, "GENERAL_MERCHANDISE_SUPERSTORES", "19018000", InStore, { mean: 58, sd: 32, min: 5, max: 260 }],
  ["sparkfun", "SparkFun", "SparkFun", "sparkfun.com", null, MERCHANT, "GENERAL_MERCHANDISE_ELECTRONICS", "19013000", Online, { mean: 89.4, sd: 40, min: 9.95, max: 320 }],
  ["madison-bicycle", "Madison Bicycle Shop", "Madison Bicycle Shop", null, null, MERCHANT, "GENERAL_MERCHANDISE_SPORTING_GOODS", "19046000", InStore, { mean: 120, sd: 90, min: 15, max: 650 }],
  ["rei", "REI #61 SAN FRANCISCO", "REI", "rei.com", "rei_1117.png", MERCHANT, "GENERAL_MERCHANDISE_SPORTING_GOODS", "19046000", InStore, { mean: 88, sd: 45, min: 12, max: 380 }],
  ["walgreens", "WALGREENS #3075", "Walgreens", "walgreens.com", "walgreens_1177.png", MERCHANT, "MEDICAL_PHARMACIES_AND_SUPPLEMENTS", "19043000", InStore, { mean: 23, sd: 12, min: 3.5, max: 95 }],
  ["cvs", "CVS/PHARMACY #09988", "CVS Pharmacy", "cvs.com", "cvs_pharmacy_1042.png", MERCHANT, "MEDICAL_PHARMACIES_AND_SUPPLEMENTS", "19043000", InStore, { mean: 21, sd: 11, min: 3, max: 90 }],
  ["netflix", "NETFLIX.COM", "Netflix", "netflix.com", "netflix_1093.png", MERCHANT, "ENTERTAINMENT_TV_AND_MOVIES", "18061000", Online, { mean: 15.49, sd: 0, min: 15.49 }],
  ["spotify", "Spotify USA", "Spotify", "spotify.com", "spotify_1134.png", MERCHANT, "ENTERTAINMENT_MUSIC_AND_AUDIO", "18061000", Online, { mean: 11.99, sd: 0, min: 11.99 }],
  ["touchstone", "Touchstone Climbing", "Touchstone Climbing", "touchstoneclimbing.com", null, MERCHANT, "PERSONAL_CARE_GYMS_AND_FITNESS_CENTERS", "17018000", InStore, { mean: 104, sd: 0, min: 104 }],
  ["geico", "GEICO *AUTO", "GEICO", "geico.com", "geico_1072.png", MERCHANT, "GENERAL_SERVICES_INSURANCE", "18030000", Online, { mean: 96.2, sd: 0, min: 96.2 }],
  ["pge", "PGANDE WEB ONLINE", "Pacific Gas and Electric", "pge.com", "pacific_gas_and_electric_1106.png", MERCHANT, "RENT_AND_UTILITIES_GAS_AND_ELECTRICITY", "18068000", Online, { mean: 92, sd: 18, min: 38, max: 240 }],
  ["comcast", "COMCAST XFINITY", "Xfinity", "xfinity.com", "xfinity_1185.png", MERCHANT, "RENT_AND_UTILITIES_INTERNET_AND_CABLE", "18009000", Online, { mean: 79.99, sd: 0, min: 79.99 }],
  ["verizon", "VZWRLSS*APOCC VISE", "Verizon Wireless", "verizonwireless.com", "verizon_wireless_1176.png", MERCHANT, "RENT_AND_UTILITIES_TELEPHONE", "18063000", Online, { mean: 72.5, sd: 3, min: 65, max: 95 }],
  ["sfpuc", "SFPUC WATER PAYMENT", "San Francisco Water Power Sewer", "sfpuc.org", null, MERCHANT, "RENT_AND_UTILITIES_WATER", "18068000", Other, { mean: 58, sd: 12, min: 30, max: 110 }],
  ["venmo-out", "VENMO PAYMENT 1029384756", "Venmo", "venmo.com", "venmo_1171.png", PaymentApp, "TRANSFER_OUT_ACCOUNT_TRANSFER", "21010001", Online, { mean: 32, sd: 20, min: 5, max: 150 }],
  ["venmo-in", "VENMO CASHOUT 1029384756", "Venmo", "venmo.com", "venmo_1171.png", PaymentApp, "TRANSFER_IN_ACCOUNT_TRANSFER", "21010001", Online, { mean: 45, sd: 25, min: 8, max: 180 }],
  ["payroll", "ACH Electronic CreditGUSTO PAY 123456", "Gusto", "gusto.com", "gusto_1076.png", IncomeSource, "INCOME_WAGES", "21009000", Other, { mean: 2150, sd: 0, min: 0 }],
  ["interest", "INTRST PYMNT", null, null, null, null, "INCOME_INTEREST_EARNED", "21005000", Other, { mean: 0, sd: 0, min: 0 }],
  ["to-savings", "ONLINE TRANSFER TO SAV XXXXXX{mask}", null, null, null, null, "TRANSFER_OUT_SAVINGS", "21001000", Other, { mean: 250, sd: 0, min: 0 }],
  ["from-checking", "ONLINE TRANSFER FROM CHK XXXXXX{mask}", null, null, null, null, "TRANSFER_IN_ACCOUNT_TRANSFER", "21001000", Other, { mean: 250, sd: 0, min: 0 }],
  ["to-checking", "ONLINE TRANSFER TO CHK XXXXXX{mask}", null, null, null, null, "TRANSFER_OUT_ACCOUNT_TRANSFER", "21001000", Other, { mean: 400, sd: 150, min: 100, max: 900 }],
  ["from-savings", "ONLINE TRANSFER FROM SAV XXXXXX{mask}", null, null, null, null, "TRANSFER_IN_SAVINGS", "21001000", Other, { mean: 400, sd: 0, min: 0 }],
  ["atm", "ATM WITHDRAWAL 0034 MARKET ST SAN FRANCISCO CA", null, null, null, null, "TRANSFER_OUT_WITHDRAWAL", "21012002", InStore, { mean: 80, sd: 0, min: 20 }],
  ["card-payment", "CREDIT CARD {mask} PAYMENT *//", null, null, null, null, "LOAN_PAYMENTS_CREDIT_CARD_PAYMENT", "16001000", Other, { mean: 0, sd: 0, min: 0 }],
  ["card-payment-received", "AUTOMATIC PAYMENT - THANK", null, null, null, null, "LOAN_PAYMENTS_CREDIT_CARD_PAYMENT", "16000000", Other, { mean: 0, sd: 0, min: 0 }],
  ["mortgage-payment", "MORTGAGE PMT XXXXXX{mask}", null, null, null, null, "LOAN_PAYMENTS_MORTGAGE_PAYMENT", "16000000", Other, { mean: 0, sd: 0, min: 0 }],
  ["student-loan-payment", "STUDENT LN PMT XXXXXX{mask}", null, null, null, null, "LOAN_PAYMENTS_STUDENT_LOAN_PAYMENT", "16000000", Other, { mean: 0, sd: 0, min: 0 }],
  ["loan-payment-received", "PAYMENT RECEIVED - THANK YOU", null, null, null, null, "LOAN_PAYMENTS_OTHER_PAYMENT", "16000000", Other, { mean: 0, sd: 0, min: 0 }],
  ["loan-interest", "INTEREST CHARGED", null, null, null, null, "BANK_FEES_INTEREST_CHARGE", "15002000", Other, { mean: 0, sd: 0, min: 0 }],
];

function toLocation(store: Store | undefined): Location {
  if (!store) return { ...NO_LOCATION };
  const [address, city, region, postal_code, lat, lon, store_number] = store;
  return { address, city, region, postal_code, country: "US", lat, lon, store_number };
}

const MERCHANTS = new Map<string, Merchant>(
  ROWS.map(([key, description, merchantName, website, logo, counterparty, pfc, legacyCategoryId, channel, amount]) => [
    key,
    {
      key,
      description,
      merchantName,
      website,
      logo,
      counterparty,
      pfc,
      legacyCategoryId,
      channel,
      amount,
      location: toLocation(STORES[key]),
    },
  ]),
);

export function getMerchant(key: string): Merchant {
  const merchant = MERCHANTS.get(key);
  if (!merchant) throw new Error(`unknown sandbox merchant ${key}`);
  return merchant;
}

/** The catalogue entry a statement text came from, for re-enriching a transaction later. */
export function findMerchantByDescription(description: string): Merchant | null {
  for (const merchant of MERCHANTS.values()) if (merchant.description === description) return merchant;
  return null;
}

/** Catalogue entries under a merchant name (Venmo has one for paying and one for cashing out). */
export function findMerchantsByName(merchantName: string): Merchant[] {
  return [...MERCHANTS.values()].filter((merchant) => merchant.merchantName === merchantName);
}

/** Whether `detailed` reads as a Plaid personal finance category: a known primary, then more of it. */
export function isPfcDetailed(detailed: string): boolean {
  return /^[A-Z_]+$/.test(detailed) && PFC_PRIMARIES.some((primary) => detailed.startsWith(`${primary}_`));
}

export function pfcPrimaryOf(detailed: string): string {
  const primary = PFC_PRIMARIES.find((candidate) => detailed.startsWith(`${candidate}_`));
  if (!primary) throw new Error(`no primary category for ${detailed}`);
  return primary;
}

export function legacyCategoryOf(categoryId: string): string[] {
  const path = LEGACY_CATEGORIES[categoryId];
  if (!path) throw new Error(`unknown legacy category ${categoryId}`);
  return [...path];
}
