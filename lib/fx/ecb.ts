// The ECB's reference-rate files (eurofxref-daily.xml, eurofxref-hist.xml): gesmes:Envelope > Cube >
// Cube[time] > Cube[currency, rate], each rate the units of a currency one euro buys. Parsed whole and
// validated before anything is stored, so a malformed file is refused with a clear error.
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { z } from "zod";
import { Prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";

export type EcbDay = { day: string; rates: { currency: string; rate: Prisma.Decimal }[] };

const RATE = /^(?:\d+(?:\.\d+)?|\.\d+)$/;

const rateSchema = z.object({
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, "a currency is three capital letters")
    .refine((code) => code !== "EUR", "the euro is the base, not a rate"),
  rate: z
    .string()
    .trim()
    .regex(RATE, "a rate is a plain positive decimal")
    .refine((rate) => new Prisma.Decimal(rate).greaterThan(0), "a rate is greater than zero"),
});

const daySchema = z.object({ time: z.iso.date("a day is YYYY-MM-DD"), Cube: z.array(rateSchema).min(1) });

const documentSchema = z.object({
  Envelope: z.object({ Cube: z.array(z.object({ Cube: z.array(daySchema).min(1) })).length(1) }),
});

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "",
  removeNSPrefix: true,
  parseAttributeValue: false,
  parseTagValue: false,
  // Rates have no entities; refusing them keeps an entity-expansion file from costing anything.
  processEntities: false,
  isArray: (name) => name === "Cube",
});

/** Every day of the file, oldest first. Throws fx:malformed_rates naming what is wrong. */
export function parseEcbRates(xml: string): EcbDay[] {
  const wellFormed = XMLValidator.validate(xml);
  if (wellFormed !== true) {
    throw malformed(`it is not well-formed XML (line ${wellFormed.err.line}: ${wellFormed.err.msg})`);
  }
  const parsed = documentSchema.safeParse(parser.parse(xml));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw malformed(`${issue?.message ?? "unexpected content"} at ${issue?.path.join(".") || "the root"}`);
  }
  const seen = new Set<string>();
  const days = parsed.data.Envelope.Cube[0]?.Cube.map(({ time, Cube }): EcbDay => {
    if (seen.has(time)) throw malformed(`the day ${time} appears twice`);
    seen.add(time);
    const currencies = new Set<string>();
    const rates = Cube.map(({ currency, rate }) => {
      if (currencies.has(currency)) throw malformed(`${currency} appears twice on ${time}`);
      currencies.add(currency);
      return { currency, rate: new Prisma.Decimal(rate) };
    });
    return { day: time, rates };
  });
  return (days ?? []).sort((a, b) => a.day.localeCompare(b.day));
}

function malformed(reason: string): AppError {
  return new AppError("fx:malformed_rates", `The exchange-rate file was refused: ${reason}. Nothing was imported.`);
}
