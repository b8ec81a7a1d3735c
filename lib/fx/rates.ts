// Stored reference rates: importing a parsed ECB file (all of it in one transaction, or nothing),
// fetching FX_RATES_URL, and reading the latest rate on or before a day for the currencies asked.
import "server-only";
import { db, Prisma } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError, isAppError } from "@/lib/errors";
import { readLimitedBody } from "@/lib/http/read-limited-body";
import { type EcbDay, parseEcbRates } from "./ecb";

// The ECB's whole history since 1999 is about 7 MB; anything far larger is not its file.
const MAX_FILE_BYTES = 32 * 1024 * 1024;
const FETCH_TIMEOUT_MS = 60_000;
// Rows per INSERT: a full history is ~200,000 rates, more than one statement's parameters allow.
const BATCH = 2_000;

export type ImportReport = { days: number; rates: number; firstDay: string | null; lastDay: string | null };

/** Upserts every rate of the days given; a rate already stored for a day is replaced by the file's. */
export async function importRates({ days, now = new Date() }: { days: EcbDay[]; now?: Date }): Promise<ImportReport> {
  const rows = days.flatMap(({ day, rates }) => rates.map(({ currency, rate }) => ({ day, currency, rate })));
  await db.$transaction(
    async (tx) => {
      for (let start = 0; start < rows.length; start += BATCH) {
        const values = rows
          .slice(start, start + BATCH)
          .map((row) => Prisma.sql`(${row.currency}, ${row.day}::date, ${row.rate}::numeric, ${now})`);
        await tx.$executeRaw`
          INSERT INTO fx_rates (currency, day, rate, fetched_at) VALUES ${Prisma.join(values)}
          ON CONFLICT (currency, day) DO UPDATE SET rate = EXCLUDED.rate, fetched_at = EXCLUDED.fetched_at`;
      }
    },
    { timeout: 120_000 },
  );
  return { days: days.length, rates: rows.length, firstDay: days[0]?.day ?? null, lastDay: days.at(-1)?.day ?? null };
}

/** Parses an ECB file and imports it; a malformed file throws fx:malformed_rates and writes nothing. */
export async function importEcbXml({ xml, now }: { xml: string; now?: Date }): Promise<ImportReport> {
  return importRates({ days: parseEcbRates(xml), now });
}

/**
 * Fetches the ECB file at `url` (FX_RATES_URL unless given) and imports it. Null when no source is
 * configured; fx:unavailable when it cannot be read, fx:malformed_rates when it is not the format.
 */
export async function fetchRates({ url = env.FX_RATES_URL, now }: { url?: string; now?: Date } = {}) {
  if (!url) return null;
  let xml: string;
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), redirect: "follow" });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const body = await readLimitedBody(response, MAX_FILE_BYTES);
    if (!body) throw new Error(`larger than ${MAX_FILE_BYTES} bytes`);
    xml = new TextDecoder().decode(body);
  } catch (error) {
    if (isAppError(error)) throw error;
    throw new AppError("fx:unavailable", "The exchange-rate source could not be read. Nothing was imported.", {
      cause: error,
    });
  }
  return importEcbXml({ xml, now });
}

/** A currency's rate per euro and the day it is from; the euro's own is 1 on any day. */
export type EurRate = { rate: Prisma.Decimal; day: string };

/** For each currency asked, its latest stored rate on or before `onOrBefore` (a YYYY-MM-DD day). */
export async function getLatestRates({
  currencies,
  onOrBefore,
}: {
  currencies: string[];
  onOrBefore: string;
}): Promise<Map<string, EurRate>> {
  const wanted = [...new Set(currencies)].filter((code) => code !== "EUR");
  const found = new Map<string, EurRate>();
  if (currencies.includes("EUR")) found.set("EUR", { rate: new Prisma.Decimal(1), day: onOrBefore });
  if (wanted.length === 0) return found;
  const rows = await db.$queryRaw<{ currency: string; rate: Prisma.Decimal; day: string }[]>`
    SELECT c.currency, r.rate, to_char(r.day, 'YYYY-MM-DD') AS day
    FROM unnest(${wanted}::text[]) AS c(currency)
    CROSS JOIN LATERAL (
      SELECT rate, day FROM fx_rates
      WHERE currency = c.currency AND day <= ${onOrBefore}::date
      ORDER BY day DESC LIMIT 1
    ) r`;
  for (const row of rows) found.set(row.currency, { rate: new Prisma.Decimal(row.rate), day: row.day });
  return found;
}

/** Whether any rate is stored at all: with none, totals say rates are not configured rather than missing. */
export async function hasAnyRates(): Promise<boolean> {
  return (await db.fxRate.findFirst({ select: { day: true } })) !== null;
}
