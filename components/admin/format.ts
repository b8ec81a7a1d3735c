// Figures that are neither money nor dates (those go through the viewer's Display): counts, rates and
// durations, in one locale so the tables line up.
const count = new Intl.NumberFormat("en-US");
const percent = new Intl.NumberFormat("en-US", { style: "percent", maximumFractionDigits: 1 });
const seconds = new Intl.NumberFormat("en-US", { maximumFractionDigits: 1, minimumFractionDigits: 1 });

export function formatCount(value: number): string {
  return count.format(value);
}

/** A 0–1 rate as a percentage; a dash when there is nothing to divide. */
export function formatRate(value: number | null): string {
  return value === null ? "—" : percent.format(value);
}

export function formatSeconds(value: number | null): string {
  return value === null ? "—" : `${seconds.format(value)} s`;
}
