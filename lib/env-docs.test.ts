// docs/configuration.md and .env.example against lib/env.ts's schema: every setting documented, nothing
// documented that the schema does not read, and every default written as a value is the schema's.
import fs from "node:fs";
import { expect, test } from "vitest";
import type { z } from "zod";
import { envSchema } from "@/lib/env";

const variables = Object.keys(envSchema.shape);
const docs = fs.readFileSync("docs/configuration.md", "utf8");

/** The rows of the table under a `## heading`: each row's variable names (backticked) and its default. */
function tableRows(heading: string): { names: string[]; defaultCell: string }[] {
  const section = docs.split(/^## /m).find((part) => part.startsWith(`${heading}\n`));
  if (!section) throw new Error(`docs/configuration.md has no "## ${heading}" section`);
  return section
    .split("\n")
    .filter((line) => line.startsWith("| `"))
    .map((line) => {
      const [names = "", defaultCell = ""] = line.split(" | ").map((cell) => cell.replace(/^\| /, "").trim());
      return { names: [...names.matchAll(/`([A-Z0-9_]+)`/g)].map((match) => match[1] ?? ""), defaultCell };
    });
}

/** The value zod fills in when the variable is unset, or undefined. */
function schemaDefault(type: z.core.$ZodType): unknown {
  const def = type._zod.def as {
    type: string;
    defaultValue?: unknown;
    in?: z.core.$ZodType;
    innerType?: z.core.$ZodType;
  };
  if (def.type === "default") return def.defaultValue;
  if (def.type === "pipe" && def.in) return schemaDefault(def.in);
  if (def.type === "optional" && def.innerType) return schemaDefault(def.innerType);
  return undefined;
}

const settings = tableRows("Settings");
const documented = settings.flatMap((row) => row.names);

test("every variable of the schema is documented in the Settings table, once", () => {
  expect(variables.filter((name) => !documented.includes(name))).toEqual([]);
  expect(documented.filter((name, index) => documented.indexOf(name) !== index)).toEqual([]);
});

test("the Settings table documents nothing the schema does not read", () => {
  expect(documented.filter((name) => !variables.includes(name))).toEqual([]);
});

test("the variables read by others are not settings of the schema", () => {
  const others = tableRows("Read by others").flatMap((row) => row.names);
  expect(others.length).toBeGreaterThan(0);
  expect(others.filter((name) => variables.includes(name))).toEqual([]);
});

test("each default the schema fills in is the documented one", () => {
  const shape = envSchema.shape as Record<string, z.core.$ZodType>;
  const wrong = settings.flatMap(({ names, defaultCell }) =>
    names.flatMap((name) => {
      const type = shape[name];
      const value = type ? schemaDefault(type) : undefined;
      if (value === undefined) return [];
      const expected = value === "" ? "empty" : `\`${String(value)}\``;
      return defaultCell === expected ? [] : [`${name}: documented ${defaultCell}, the schema's is ${expected}`];
    }),
  );
  expect(wrong).toEqual([]);
});

test(".env.example shows every setting but NODE_ENV (which the tools set)", () => {
  const example = fs.readFileSync(".env.example", "utf8");
  const missing = variables.filter((name) => name !== "NODE_ENV" && !new RegExp(`^#? ?${name}=`, "m").test(example));
  expect(missing).toEqual([]);
});
