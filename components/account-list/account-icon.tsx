// The account's chosen icon on its chosen colour, in the accounts list and on the account page. Icons
// the app does not know, and accounts with no choice, fall back to one that fits the account type, so
// every row keeps the same shape. Inline SVG, so nothing is fetched; decorative, as the name beside
// it says what the account is. PATHS covers every name ACCOUNT_ICONS offers (account-icon.test.ts).
import { StrokeIcon } from "@/components/stroke-icon";

const PATHS: Record<string, React.ReactNode> = {
  bank: <path d="M3 10 12 4l9 6M5 10v8m4.67-8v8m4.66-8v8M19 10v8M3 20h18" />,
  wallet: (
    <>
      <path d="M19 8V6a1 1 0 0 0-1-1H5a2 2 0 0 0 0 4h14a1 1 0 0 1 1 1v9a1 1 0 0 1-1 1H5a2 2 0 0 1-2-2V7" />
      <path d="M16 14.5h.01" />
    </>
  ),
  "piggy-bank": (
    <>
      <ellipse cx="11" cy="13" rx="7" ry="5" />
      <path d="M18 11.5h2v3h-2M8 17.5V20m6-2.5V20M7.5 8.7 6.5 5.5l3 2M10 10.5h3" />
    </>
  ),
  "credit-card": (
    <>
      <rect x="2.5" y="5" width="19" height="14" rx="2" />
      <path d="M2.5 10h19M6 15h4" />
    </>
  ),
  building: <path d="M5 21V4a1 1 0 0 1 1-1h8a1 1 0 0 1 1 1v17m0-11h3a1 1 0 0 1 1 1v10M3 21h18M8.5 7h3m-3 4h3m-3 4h3" />,
  home: <path d="M3 11 12 4l9 7M5.5 9.5V20h13V9.5M10 20v-5h4v5" />,
  chart: <path d="m3 17 6-6 4 4 8-8m-6 0h6v6" />,
  document: <path d="M14 3H6a1 1 0 0 0-1 1v16a1 1 0 0 0 1 1h12a1 1 0 0 0 1-1V8zm0 0v5h5M9 13h6m-6 4h4" />,
  coins: (
    <>
      <circle cx="9" cy="9" r="5.5" />
      <path d="M15.5 9.6a5.5 5.5 0 1 1-5.9 5.9" />
    </>
  ),
};

// Other names for the same pictures (Lucide's, for one), so a stored one still draws.
const ALIASES: Record<string, string> = { landmark: "bank", house: "home", "trending-up": "chart", loan: "document" };

const BY_TYPE: Record<string, string> = {
  depository: "bank",
  credit: "credit-card",
  loan: "document",
  investment: "chart",
  other: "coins",
};

const SIZES = {
  md: { box: "size-9", svg: "size-5" },
  lg: { box: "size-12", svg: "size-6" },
} as const;

const COLOR = /^#[0-9a-f]{6}$/i;

/** The icon name drawn for an account: its own choice when the app knows it, else its type's. */
export function resolveAccountIcon({ icon, type }: { icon: string | null; type: string }): string {
  const name = (icon && own(ALIASES, icon)) || icon;
  if (name && own(PATHS, name)) return name;
  return own(BY_TYPE, type) ?? "coins";
}

// Own keys only: a stored "toString" must not find Object.prototype's.
function own<T>(table: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

export function AccountIcon({
  icon,
  type,
  color,
  size = "md",
}: {
  icon: string | null;
  type: string;
  color: string | null;
  size?: keyof typeof SIZES;
}) {
  // A CHECK constraint keeps the stored colour #RRGGBB; checking again keeps anything else out of the style.
  const background = color && COLOR.test(color) ? color : null;
  return (
    <span
      aria-hidden="true"
      style={background ? { backgroundColor: background } : undefined}
      className={`grid ${SIZES[size].box} shrink-0 place-items-center rounded-full ${
        background ? "text-white" : "bg-slate-100 text-slate-600 dark:bg-slate-800 dark:text-slate-300"
      }`}
    >
      <StrokeIcon className={SIZES[size].svg}>{PATHS[resolveAccountIcon({ icon, type })]}</StrokeIcon>
    </span>
  );
}
