// What a migrated database holds, read from PostgreSQL's catalogues: its tables, columns, indexes and
// foreign keys in the public schema, the side of the schema drift check (schema-drift.ts) that is not
// schema.prisma.
import "server-only";

type Query = <T>(sql: string) => Promise<T[]>;

export interface DbColumn {
  table_name: string;
  column_name: string;
  data_type: string;
  is_nullable: "YES" | "NO";
  column_default: string | null;
  numeric_precision: number | null;
  numeric_scale: number | null;
  datetime_precision: number | null;
  character_maximum_length: number | null;
  /** The element type of an array column, as PostgreSQL names it with a leading underscore (_text). */
  udt_name: string;
}
interface DbIndex {
  table_name: string;
  index_name: string;
  is_unique: boolean;
  is_primary: boolean;
  is_partial: boolean;
  columns: string[];
}
interface DbForeignKey {
  table_name: string;
  constraint_name: string;
  columns: string[];
  foreign_table: string;
  foreign_columns: string[];
  on_delete: string;
  on_update: string;
}

// Only the public schema: pg-boss (schema pgboss) and the Plaid emulator (schema plaid_emulator) keep
// their tables apart, made by their own migrations.
export async function introspect(query: Query) {
  const tables = await query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
  );
  const columns = await query<DbColumn>(
    `SELECT table_name, column_name, data_type, is_nullable, column_default,
            numeric_precision, numeric_scale, datetime_precision, character_maximum_length, udt_name::text AS udt_name
     FROM information_schema.columns WHERE table_schema = 'public'`,
  );
  const indexes = await query<DbIndex>(
    `SELECT t.relname::text AS table_name, i.relname::text AS index_name, ix.indisunique AS is_unique,
            ix.indisprimary AS is_primary, ix.indpred IS NOT NULL AS is_partial,
            ARRAY(
              SELECT pg_get_indexdef(ix.indexrelid, k, true)
                     || CASE WHEN ix.indoption[k - 1] & 1 = 1 THEN ' DESC' ELSE '' END
              FROM generate_series(1, ix.indnkeyatts) AS k ORDER BY k
            ) AS columns
     FROM pg_index ix
     JOIN pg_class i ON i.oid = ix.indexrelid
     JOIN pg_class t ON t.oid = ix.indrelid
     JOIN pg_namespace n ON n.oid = t.relnamespace
     WHERE n.nspname = 'public'`,
  );
  const foreignKeys = await query<DbForeignKey>(
    `SELECT c.conrelid::regclass::text AS table_name, c.conname::text AS constraint_name,
            ARRAY(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY k(n, o)
                  JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.o) AS columns,
            c.confrelid::regclass::text AS foreign_table,
            ARRAY(SELECT a.attname::text FROM unnest(c.confkey) WITH ORDINALITY k(n, o)
                  JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n ORDER BY k.o) AS foreign_columns,
            c.confdeltype::text AS on_delete, c.confupdtype::text AS on_update
     FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
     WHERE c.contype = 'f' AND n.nspname = 'public'`,
  );
  return { tables: tables.map((t) => t.table_name), columns, indexes, foreignKeys };
}

export type Introspection = Awaited<ReturnType<typeof introspect>>;
