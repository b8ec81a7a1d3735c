// `npm run fx:fetch -- [url-or-file]`: imports reference exchange rates in the ECB's format now, from
// FX_RATES_URL, another URL (eurofxref-hist.xml for the whole history), or a downloaded file.
import "@/scripts/load-env";
import { readFile } from "node:fs/promises";
import { closeBackend } from "@/lib/db/client";
import { fetchRates, type ImportReport, importEcbXml } from "@/lib/fx";

async function main(): Promise<number> {
  const source = process.argv[2];
  try {
    let report: ImportReport | null;
    if (source && !/^https?:\/\//.test(source)) report = await importEcbXml({ xml: await readFile(source, "utf8") });
    else report = await fetchRates(source ? { url: source } : {});
    if (!report) {
      console.error("Usage: npm run fx:fetch -- [url-or-file] (or set FX_RATES_URL)");
      return 2;
    }
    console.log(`Imported ${report.rates} rate(s) of ${report.days} day(s), ${report.firstDay} to ${report.lastDay}.`);
    return 0;
  } catch (error) {
    console.error((error as Error).message);
    return 1;
  } finally {
    await closeBackend();
  }
}

process.exitCode = await main();
