// The small picture beside an account's name: the icon its preferences name, on its colour. Icons are
// inline SVG so nothing is fetched, and decorative: the name next to them says what the account is.

const PATHS: Record<string, string> = {
  wallet: "M4 7a2 2 0 0 1 2-2h11v4M4 7v10a2 2 0 0 0 2 2h13V9H6a2 2 0 0 1-2-2Zm12 6h.01",
  "piggy-bank":
    "M5 11a6 5 0 0 1 6-5h3a6 5 0 0 1 5 3h1v4h-1.5a6 6 0 0 1-2.5 2.5V19h-3v-1.5h-3V19H7v-2.5A5 5 0 0 1 5 11Zm10-1h.01",
  "credit-card": "M3 7a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V7Zm0 3h18M7 15h3",
  building: "M5 21V4a1 1 0 0 1 1-1h8a1 1 0 0 1 1 1v17m0-11h3a1 1 0 0 1 1 1v10M3 21h18M9 7h2m-2 4h2m-2 4h2",
  chart: "M4 19V5m0 14h16M8 15l3-4 3 2 4-6",
  home: "M3 11 12 4l9 7M5 10v10h14V10M10 20v-5h4v5",
};

const BANK = "M3 10 12 4l9 6M5 10v8m4-8v8m6-8v8m4-8v8M3 20h18";

const COLOR = /^#[0-9a-f]{6}$/i;

export function AccountIcon({
  icon,
  color,
  className = "size-10",
}: {
  icon: string | null;
  color: string | null;
  className?: string;
}) {
  const path = (icon && PATHS[icon]) ?? BANK;
  return (
    <span
      aria-hidden="true"
      className={`grid shrink-0 place-items-center rounded-xl bg-brand-600 text-white ${className}`}
      // Only a stored #rrggbb colour reaches the style attribute (a CHECK constraint keeps it so, too).
      style={color && COLOR.test(color) ? { backgroundColor: color } : undefined}
    >
      <svg
        aria-hidden="true"
        viewBox="0 0 24 24"
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinecap="round"
        strokeLinejoin="round"
        className="size-1/2"
      >
        <path d={path} />
      </svg>
    </span>
  );
}
