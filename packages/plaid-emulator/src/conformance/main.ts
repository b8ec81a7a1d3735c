// `npm run conformance -w @mingus/plaid-emulator`: runs the sandbox flow on a fresh in-memory emulator
// and judges every answer against Plaid's OpenAPI definition, read from PLAID_OPENAPI_SPEC (a local
// copy of 2020-09-14.yml from github.com/plaid/plaid-openapi, which may not be redistributed).
// Exits 1 when an answer Plaid documents does not match its schema.
import fs from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { createPgliteStore } from "../store/pglite-store.ts";
import { startEmulatorServer } from "../testing.ts";
import { runConformanceFlow } from "./flow.ts";
import { createConformanceChecker } from "./openapi.ts";

async function main(): Promise<number> {
  const specPath = process.env.PLAID_OPENAPI_SPEC;
  if (!specPath || !fs.existsSync(specPath)) {
    console.error("Set PLAID_OPENAPI_SPEC to a local copy of Plaid's 2020-09-14.yml (github.com/plaid/plaid-openapi).");
    return 2;
  }
  const checker = createConformanceChecker(fs.readFileSync(specPath, "utf8"));
  const store = createPgliteStore(new PGlite(), { closeDatabase: true });
  const server = await startEmulatorServer({ store });
  try {
    const answers = await runConformanceFlow(server);
    let failures = 0;
    for (const answer of answers) {
      const verdict = checker.check(answer);
      const label = `${answer.path} ${answer.status}`;
      if (!verdict.documented) {
        console.log(`  -   ${label}: Plaid documents no schema for it`);
      } else if (verdict.problems.length === 0) {
        console.log(`  ok  ${label}`);
      } else {
        failures++;
        console.log(`  NO  ${label}\n${verdict.problems.map((problem) => `        ${problem}`).join("\n")}`);
      }
    }
    console.log(`\n${answers.length} answers, ${failures} not as Plaid's definition says.`);
    return failures === 0 ? 0 : 1;
  } finally {
    await server.close();
    await store.close();
  }
}

process.exitCode = await main();
