// Plaid's published API definition (OpenAPI 3.0, github.com/plaid/plaid-openapi) as a judge of answers:
// for a path and a status, the schema Plaid documents (200's response, or the PlaidError of `default`),
// with its $refs, checked by Ajv; a webhook's body is judged by its named schema (the `path`
// "webhook PendingExpirationWebhook"). The definition is read from a local file, never shipped.
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import { parse } from "yaml";

type Operation = { responses?: Record<string, { content?: Record<string, { schema?: unknown }> }> };
type Definition = { paths?: Record<string, { post?: Operation }>; components?: unknown };

const DOCUMENT_ID = "plaid-openapi";
const WEBHOOK_PREFIX = "webhook ";

/** OpenAPI 3.0's `nullable` in JSON Schema's terms: null joins the types (and the enum), or is an alternative. */
function allowNull(schema: Record<string, unknown>): Record<string, unknown> {
  const { nullable, ...rest } = schema;
  if (nullable !== true) return rest;
  if (typeof rest.type === "string") {
    return { ...rest, type: [rest.type, "null"], ...(Array.isArray(rest.enum) ? { enum: [...rest.enum, null] } : {}) };
  }
  return { anyOf: [rest, { type: "null" }] };
}

/**
 * The schema as Ajv reads it: every local $ref ("#/components/...") pointed into the registered
 * definition, and `nullable` translated.
 */
function toJsonSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(toJsonSchema);
  if (typeof schema !== "object" || schema === null) return schema;
  const converted = Object.fromEntries(
    Object.entries(schema).map(([key, value]) => [
      key,
      key === "$ref" && typeof value === "string" && value.startsWith("#/")
        ? `${DOCUMENT_ID}${value}`
        : // Property names are data, not schemas: only their values are converted.
          key === "properties" && typeof value === "object" && value !== null
          ? Object.fromEntries(Object.entries(value).map(([name, property]) => [name, toJsonSchema(property)]))
          : toJsonSchema(value),
    ]),
  );
  return allowNull(converted);
}

function describe(error: ErrorObject): string {
  const where = error.instancePath || "(the body)";
  const extra = error.keyword === "additionalProperties" ? ` (${String(error.params.additionalProperty)})` : "";
  return `${where} ${error.message ?? error.keyword}${extra}`;
}

export type Verdict = { documented: false } | { documented: true; problems: string[] };

export type ConformanceChecker = {
  /** Whether Plaid's definition has a POST operation at this path. */
  documents: (path: string) => boolean;
  /** The answer judged against the schema Plaid gives for its path and status. */
  check: (answer: { path: string; status: number; body: unknown }) => Verdict;
};

export function createConformanceChecker(definitionText: string): ConformanceChecker {
  const definition = parse(definitionText) as Definition;
  if (!definition.paths || !definition.components) throw new Error("not an OpenAPI definition: no paths or components");
  // OpenAPI 3.0 schemas: `nullable`, `example` and friends; formats are documentation here.
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  ajv.addSchema({ $id: DOCUMENT_ID, components: toJsonSchema(definition.components) });
  const compiled = new Map<string, ValidateFunction | null>();

  const schemaFor = (path: string, status: number): ValidateFunction | null => {
    const key = `${path} ${status}`;
    if (!compiled.has(key) && path.startsWith(WEBHOOK_PREFIX)) {
      const name = path.slice(WEBHOOK_PREFIX.length);
      const schemas = (definition.components as { schemas?: Record<string, unknown> }).schemas ?? {};
      compiled.set(
        key,
        Object.hasOwn(schemas, name) ? (ajv.getSchema(`${DOCUMENT_ID}#/components/schemas/${name}`) ?? null) : null,
      );
    }
    if (!compiled.has(key)) {
      const responses = definition.paths?.[path]?.post?.responses ?? {};
      const response = responses[String(status)] ?? (status >= 400 ? responses.default : undefined);
      const schema = response?.content?.["application/json"]?.schema;
      compiled.set(key, schema ? ajv.compile(toJsonSchema(schema) as object) : null);
    }
    return compiled.get(key) ?? null;
  };

  return {
    documents: (path) => Boolean(definition.paths?.[path]?.post),
    check({ path, status, body }) {
      const validate = schemaFor(path, status);
      if (!validate) return { documented: false };
      return { documented: true, problems: validate(body) ? [] : (validate.errors ?? []).map(describe) };
    },
  };
}
