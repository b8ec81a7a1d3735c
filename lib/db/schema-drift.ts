// Compares prisma/schema.prisma (parsed by Prisma's own schema engine, compiled to WebAssembly) with
// a migrated database: tables, columns, types, nullability, defaults, primary keys, unique and plain
// indexes, and foreign keys. Prisma's migrate diff needs a native engine this project cannot download,
// so this is how a migration that disagrees with the schema is caught.
import "server-only";
import fs from "node:fs/promises";
import path from "node:path";
import { getDMMF } from "@prisma/get-dmmf";
import type { DbColumn, Introspection } from "./schema-introspection";

type Document = Extract<ReturnType<typeof getDMMF>, { datamodel: unknown }>;
type Field = Document["datamodel"]["models"][number]["fields"][number];

/** Objects the migrations create on purpose that Prisma's schema language cannot describe. */
export const SQL_ONLY_INDEXES = new Set([
  "uq_account_balances_current",
  "uq_account_balances_calculated_day",
  "uq_banking_preferences_user_global",
  "idx_plaid_connections_due",
  "idx_transaction_syncs_pending",
  "idx_transaction_syncs_finished_completed",
  "idx_transaction_syncs_running_heartbeat",
  "idx_notifications_user_unread",
  "idx_notification_messages_due",
  // A GIN index with pg_trgm's operator class; the extension itself is created by the same migration.
  "idx_transactions_search_trgm",
]);
const IGNORED_TABLES = new Set(["_prisma_migrations"]);

export async function loadSchema(file = path.join(process.cwd(), "prisma", "schema.prisma")) {
  return readSchema(await fs.readFile(file, "utf8"));
}

export async function readSchema(datamodel: string) {
  const dmmf = await getDMMF({ datamodel });
  if (!("datamodel" in dmmf)) throw new Error(`schema.prisma does not parse: ${JSON.stringify(dmmf)}`);
  return { dmmf, relationNames: relationConstraintNames(datamodel) };
}

/** `map:` names of relations, keyed "Model.field"; DMMF leaves them out. */
function relationConstraintNames(datamodel: string): Map<string, string> {
  const names = new Map<string, string>();
  for (const block of datamodel.matchAll(/^model\s+(\w+)\s*\{([\s\S]*?)^\}/gm)) {
    for (const line of (block[2] ?? "").matchAll(/^\s*(\w+)\s+\w+\??\s+@relation\(([^)]*)\)/gm)) {
      const map = line[2]?.match(/map:\s*"([^"]+)"/);
      if (map?.[1]) names.set(`${block[1]}.${line[1]}`, map[1]);
    }
  }
  return names;
}

const ACTIONS: Record<string, string> = {
  Cascade: "c",
  Restrict: "r",
  NoAction: "a",
  SetNull: "n",
  SetDefault: "d",
};

function expectedType(field: Field): string {
  if (field.isList) return `${expectedType({ ...field, isList: false })}[]`;
  const [native, args = []] = field.nativeType ?? [];
  switch (field.type) {
    case "String":
      return native === "Uuid" ? "uuid" : native === "VarChar" ? `character varying(${args[0]})` : "text";
    case "Boolean":
      return "boolean";
    case "Int":
      return "integer";
    case "BigInt":
      return "bigint";
    case "Float":
      return "double precision";
    case "Decimal":
      return `numeric(${args[0] ?? 65},${args[1] ?? 30})`;
    case "Json":
      return "jsonb";
    case "Bytes":
      return "bytea";
    case "DateTime":
      if (native === "Date") return "date";
      if (native === "Timestamptz") return `timestamp with time zone(${args[0] ?? 6})`;
      return `timestamp without time zone(${args[0] ?? 3})`;
    default:
      return `unsupported ${field.type}`;
  }
}

const ARRAY_ELEMENTS: Record<string, string> = { _text: "text", _uuid: "uuid", _int4: "integer", _int8: "bigint" };

function actualType(column: DbColumn): string {
  if (column.data_type === "ARRAY") return `${ARRAY_ELEMENTS[column.udt_name] ?? column.udt_name}[]`;
  if (column.data_type === "numeric") return `numeric(${column.numeric_precision},${column.numeric_scale})`;
  if (column.data_type.startsWith("timestamp")) return `${column.data_type}(${column.datetime_precision})`;
  if (column.data_type === "character varying" && column.character_maximum_length !== null) {
    return `character varying(${column.character_maximum_length})`;
  }
  return column.data_type;
}

function expectedDefault(field: Field): string | null {
  if (!field.hasDefaultValue) return null;
  const value = field.default;
  // A list's default: an empty array is the only one this schema uses.
  if (Array.isArray(value)) return value.length === 0 ? "ARRAY[]" : `unsupported list default ${JSON.stringify(value)}`;
  if (typeof value === "object" && value !== null && "name" in value) {
    if (value.name === "now") return "CURRENT_TIMESTAMP";
    if (value.name === "dbgenerated") return String(value.args[0]);
    return `${value.name}()`;
  }
  // DMMF gives BigInt defaults as strings ("0"); PostgreSQL renders them as bare numbers.
  if (typeof value === "string" && field.type === "BigInt") return value;
  if (typeof value === "string") return `'${value.replace(/'/g, "''")}'`;
  return String(value);
}

function actualDefault(column: DbColumn): string | null {
  // PostgreSQL renders literals with a cast ('user'::text, '{}'::jsonb); Prisma's schema does not.
  return column.column_default?.replace(/::[a-z ]+(\[\])?$/, "") ?? null;
}

function columnName(field: Field): string {
  return field.dbName ?? field.name;
}

/** Every disagreement between the schema and the database, as readable sentences; empty when none. */
export function compareSchema(
  { dmmf, relationNames }: Awaited<ReturnType<typeof readSchema>>,
  db: Introspection,
): string[] {
  const problems: string[] = [];
  const models = dmmf.datamodel.models;
  const tableOf = new Map(models.map((m) => [m.name, m.dbName ?? m.name]));
  const expectedTables = new Set(tableOf.values());
  for (const table of db.tables) {
    if (!expectedTables.has(table) && !IGNORED_TABLES.has(table))
      problems.push(`table ${table} is not in schema.prisma`);
  }
  const expectedIndexes = new Set<string>();
  for (const model of models) {
    const table = model.dbName ?? model.name;
    if (!db.tables.includes(table)) {
      problems.push(`table ${table} (model ${model.name}) is missing from the database`);
      continue;
    }
    const dbColumns = new Map(db.columns.filter((c) => c.table_name === table).map((c) => [c.column_name, c]));
    const scalars = model.fields.filter((f) => f.kind === "scalar" || f.kind === "enum");
    const fieldColumn = new Map(scalars.map((f) => [f.name, columnName(f)]));
    for (const field of scalars) {
      const name = columnName(field);
      const column = dbColumns.get(name);
      const where = `${table}.${name} (${model.name}.${field.name})`;
      if (!column) {
        problems.push(`column ${where} is missing from the database`);
        continue;
      }
      if (expectedType(field) !== actualType(column)) {
        problems.push(`column ${where} is ${actualType(column)} in the database, ${expectedType(field)} in the schema`);
      }
      if (field.isRequired !== (column.is_nullable === "NO")) {
        problems.push(`column ${where} is ${column.is_nullable === "NO" ? "NOT NULL" : "nullable"} in the database`);
      }
      if (expectedDefault(field) !== actualDefault(column)) {
        problems.push(
          `column ${where} defaults to ${actualDefault(column)} in the database, ${expectedDefault(field)} in the schema`,
        );
      }
    }
    for (const name of dbColumns.keys()) {
      if (![...fieldColumn.values()].includes(name)) problems.push(`column ${table}.${name} is not in schema.prisma`);
    }

    const dbIndexes = new Map(db.indexes.filter((i) => i.table_name === table).map((i) => [i.index_name, i]));
    for (const index of dmmf.datamodel.indexes.filter((i) => i.model === model.name)) {
      const name = index.type === "id" ? `${table}_pkey` : (index.dbName ?? "(unnamed)");
      expectedIndexes.add(name);
      const expectedColumns = index.fields.map(
        (f) => `${fieldColumn.get(f.name) ?? f.name}${f.sortOrder === "desc" ? " DESC" : ""}`,
      );
      const actual = dbIndexes.get(name);
      const kind = index.type === "id" ? "primary key" : index.type === "unique" ? "unique index" : "index";
      if (!actual) {
        problems.push(`${kind} ${name} on ${table}(${expectedColumns.join(", ")}) is missing from the database`);
        continue;
      }
      if (actual.columns.join(", ") !== expectedColumns.join(", ")) {
        problems.push(
          `${kind} ${name} covers (${actual.columns.join(", ")}), the schema says (${expectedColumns.join(", ")})`,
        );
      }
      if (actual.is_primary !== (index.type === "id")) problems.push(`${name}: primary key flag differs`);
      if (actual.is_unique !== (index.type !== "normal")) problems.push(`${name}: unique flag differs`);
      if (actual.is_partial) problems.push(`${name} is a partial index in the database, a full one in the schema`);
    }

    for (const relation of model.fields.filter((f) => f.kind === "object" && f.relationFromFields?.length)) {
      const target = tableOf.get(relation.type) ?? relation.type;
      const targetModel = models.find((m) => m.name === relation.type);
      const targetColumn = (name: string) => {
        const field = targetModel?.fields.find((f) => f.name === name);
        return field ? columnName(field) : name;
      };
      const columns = (relation.relationFromFields ?? []).map((f) => fieldColumn.get(f) ?? f);
      const references = (relation.relationToFields ?? []).map(targetColumn);
      const name = relationNames.get(`${model.name}.${relation.name}`);
      const onDelete = ACTIONS[relation.relationOnDelete ?? (relation.isRequired ? "Restrict" : "SetNull")];
      const onUpdate = ACTIONS[relation.relationOnUpdate ?? "Cascade"];
      const match = db.foreignKeys.find(
        (fk) => fk.table_name === table && fk.columns.join() === columns.join() && fk.foreign_table === target,
      );
      const label = `foreign key ${table}(${columns.join(", ")}) -> ${target}(${references.join(", ")})`;
      if (!match) {
        problems.push(`${label} is missing from the database`);
        continue;
      }
      if (match.foreign_columns.join() !== references.join())
        problems.push(`${label} references (${match.foreign_columns.join(", ")})`);
      if (name && match.constraint_name !== name)
        problems.push(`${label} is named ${match.constraint_name}, not ${name}`);
      if (match.on_delete !== onDelete)
        problems.push(`${label}: ON DELETE is '${match.on_delete}', the schema says '${onDelete}'`);
      if (match.on_update !== onUpdate)
        problems.push(`${label}: ON UPDATE is '${match.on_update}', the schema says '${onUpdate}'`);
    }
  }

  for (const index of db.indexes) {
    if (!expectedTables.has(index.table_name)) continue;
    if (!expectedIndexes.has(index.index_name) && !SQL_ONLY_INDEXES.has(index.index_name)) {
      problems.push(`index ${index.index_name} on ${index.table_name} is not in schema.prisma`);
    }
  }
  for (const fk of db.foreignKeys) {
    if (!expectedTables.has(fk.table_name)) continue;
    const model = models.find((m) => (m.dbName ?? m.name) === fk.table_name);
    const known = model?.fields.some(
      (f) =>
        f.kind === "object" &&
        (f.relationFromFields ?? [])
          .map((name) => columnName(model.fields.find((x) => x.name === name) as Field))
          .join() === fk.columns.join(),
    );
    if (!known) problems.push(`foreign key ${fk.constraint_name} on ${fk.table_name} is not in schema.prisma`);
  }
  return problems;
}
