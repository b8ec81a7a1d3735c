// Words for the codes the bank and the sync store: "FOOD_AND_DRINK" reads "Food and drink",
// "credit card" reads "Credit card", 4.1 reads "4.1%".

export function humanize(code: string | null): string {
  if (!code) return "";
  const words = code
    .replace(/[_\s]+/g, " ")
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A detailed Plaid category without its primary prefix: FOOD_AND_DRINK_COFFEE under FOOD_AND_DRINK is "Coffee". */
export function detailedCategory(primary: string | null, detailed: string | null): string {
  if (!detailed) return "";
  const rest = primary && detailed.startsWith(`${primary}_`) ? detailed.slice(primary.length + 1) : detailed;
  return humanize(rest);
}

const percentFormat = new Intl.NumberFormat("en-US", { maximumFractionDigits: 3 });

/** Rates are stored as percents (4.1 is 4.1%). */
export function percent(value: number): string {
  return `${percentFormat.format(value)}%`;
}

/** "2.4 s", "1 min 12 s". */
export function duration(seconds: number): string {
  if (seconds < 60) return `${seconds < 10 ? seconds.toFixed(1) : Math.round(seconds)} s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes} min ${Math.round(seconds - minutes * 60)} s`;
}
