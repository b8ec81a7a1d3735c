import { describe, expect, it } from "vitest";
import { isAppError } from "@/lib/errors";
import { ecbXml } from "@/lib/test/ecb";
import { parseEcbRates } from "./ecb";

const refused = (xml: string) => {
  try {
    parseEcbRates(xml);
  } catch (error) {
    expect(isAppError(error, "fx:malformed_rates")).toBe(true);
    return (error as Error).message;
  }
  throw new Error("the file was accepted");
};

describe("parseEcbRates", () => {
  it("reads every day of a historical file, oldest first, as exact decimals", () => {
    const days = parseEcbRates(
      ecbXml({ "2024-01-05": { USD: "1.0921", JPY: "158.48" }, "2024-01-04": { USD: "1.0944" } }),
    );
    expect(days.map((day) => [day.day, day.rates.map((rate) => `${rate.currency}=${rate.rate.toFixed()}`)])).toEqual([
      ["2024-01-04", ["USD=1.0944"]],
      ["2024-01-05", ["USD=1.0921", "JPY=158.48"]],
    ]);
  });

  it("refuses what is not the ECB's format, naming the problem", () => {
    expect(refused("<Envelope><Cube>")).toMatch(/not well-formed XML/);
    expect(refused("<html><body>Service unavailable</body></html>")).toMatch(/at Envelope/);
    expect(refused(ecbXml({ "2024-13-05": { USD: "1.0921" } }))).toMatch(/YYYY-MM-DD/);
    expect(refused(ecbXml({ "2024-01-05": { usd: "1.0921" } }))).toMatch(/three capital letters/);
    expect(refused(ecbXml({ "2024-01-05": { EUR: "1" } }))).toMatch(/the euro is the base/);
    expect(refused(ecbXml({ "2024-01-05": { USD: "1e3" } }))).toMatch(/plain positive decimal/);
    expect(refused(ecbXml({ "2024-01-05": { USD: "0" } }))).toMatch(/greater than zero/);
    expect(refused(ecbXml({ "2024-01-05": {} }))).toMatch(/Cube/);
    const twice = ecbXml({ "2024-01-05": { USD: "1.1" } }).replace(
      "</Cube>\n\t</Cube>",
      "</Cube>\n\t\t<Cube time='2024-01-05'><Cube currency='GBP' rate='0.8'/></Cube>\n\t</Cube>",
    );
    expect(refused(twice)).toMatch(/2024-01-05 appears twice/);
  });
});
