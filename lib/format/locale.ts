// The person's locale, for numbers and money: the browser's Accept-Language, each tag checked with
// Intl (canonical, and one this runtime can format), else en-US. Outside a request (a worker
// rendering a digest) there is no header, so en-US.
import "server-only";
import { headers } from "next/headers";

export const DEFAULT_LOCALE = "en-US";
// A header is a few short tags; a longer one is not a browser's and is not worth parsing.
const MAX_HEADER = 256;

/** The best supported locale of an Accept-Language value ("fr-CH, fr;q=0.9, en;q=0.8"), by weight. */
export function pickLocale(acceptLanguage: string | null | undefined): string {
  if (!acceptLanguage || acceptLanguage.length > MAX_HEADER) return DEFAULT_LOCALE;
  const weighted = acceptLanguage
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((param) => param.trim()).find((param) => param.startsWith("q="));
      const weight = q ? Number(q.slice(2)) : 1;
      return { tag: tag.trim(), weight: Number.isFinite(weight) ? weight : 0, index };
    })
    .filter(({ tag, weight }) => tag !== "" && tag !== "*" && weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  for (const { tag } of weighted) {
    try {
      const [canonical] = Intl.getCanonicalLocales(tag);
      if (canonical && Intl.NumberFormat.supportedLocalesOf([canonical]).length > 0) return canonical;
    } catch {
      // Not a BCP 47 tag: try the next.
    }
  }
  return DEFAULT_LOCALE;
}

/** This request's locale; the default outside a request. */
export async function getRequestLocale(): Promise<string> {
  try {
    return pickLocale((await headers()).get("accept-language"));
  } catch {
    return DEFAULT_LOCALE;
  }
}
