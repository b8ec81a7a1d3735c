// Exchange rates for tests in the ECB's own format, served from a loopback HTTP server as FX_RATES_URL
// would be: `ecbXml` writes a file (daily or historical), `serveRates` serves whatever body it is given.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll } from "vitest";

/** Days of rates per euro, newest first as the ECB lists them. */
export function ecbXml(days: Record<string, Record<string, string>>): string {
  const cubes = Object.entries(days)
    .sort(([a], [b]) => b.localeCompare(a))
    .map(
      ([time, rates]) =>
        `\t\t<Cube time='${time}'>\n${Object.entries(rates)
          .map(([currency, rate]) => `\t\t\t<Cube currency='${currency}' rate='${rate}'/>`)
          .join("\n")}\n\t\t</Cube>`,
    )
    .join("\n");
  return `<?xml version="1.0" encoding="UTF-8"?>
<gesmes:Envelope xmlns:gesmes="http://www.gesmes.org/xml/2002-08-01" xmlns="http://www.ecb.int/vocabulary/2002-08-01/eurofxref">
\t<gesmes:subject>Reference rates</gesmes:subject>
\t<gesmes:Sender>
\t\t<gesmes:name>European Central Bank</gesmes:name>
\t</gesmes:Sender>
\t<Cube>
${cubes}
\t</Cube>
</gesmes:Envelope>
`;
}

/**
 * A loopback server answering every path from `files` (path to body; 404 otherwise), closed after the
 * test file. Returns the base URL: `${base}/eurofxref-daily.xml`.
 */
export async function serveRates(files: Record<string, string | { status: number; body: string }>) {
  const server = createServer((request, response) => {
    const file = files[request.url ?? ""];
    const { status, body } =
      file === undefined
        ? { status: 404, body: "not found" }
        : typeof file === "string"
          ? { status: 200, body: file }
          : file;
    response.writeHead(status, { "content-type": "text/xml; charset=utf-8" });
    response.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
