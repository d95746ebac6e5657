// Drift: the hand-written SQL migrations must build exactly the database the Prisma
// schema describes. Where the native engine exists, the stricter check is
//   npx prisma migrate diff --from-migrations prisma/migrations --to-schema prisma/schema.prisma --exit-code
import { afterAll, beforeAll, expect, test } from "vitest";
import pg from "pg";
import { $Enums } from "@/lib/generated/prisma/client";
import { migrate } from "../../scripts/lib/migrate.ts";
import { freshDatabase, type FreshDatabase } from "../helpers/fresh-db.ts";
import { expectedTables, parseSchema, runtimeDataModel, type ExpectedColumn } from "../helpers/schema-model.ts";

type ColumnRow = {
  table_name: string; column_name: string; udt_name: string; is_nullable: "YES" | "NO";
  numeric_precision: number | null; numeric_scale: number | null; datetime_precision: number | null;
};

let db: FreshDatabase;
let client: pg.Client;

beforeAll(async () => {
  db = await freshDatabase({ migrated: false });
  await migrate(db.url);
  client = new pg.Client({ connectionString: db.url });
  await client.connect();
});

afterAll(async () => {
  await client?.end();
  await db?.drop();
});

function describeColumn(c: ExpectedColumn): string {
  const size = c.precision === undefined ? "" : c.scale === undefined ? `(${c.precision})` : `(${c.precision},${c.scale})`;
  return `${c.udt}${size} ${c.nullable ? "NULL" : "NOT NULL"}`;
}

function actualColumn(row: ColumnRow): ExpectedColumn {
  const column: ExpectedColumn = { name: row.column_name, udt: row.udt_name, nullable: row.is_nullable === "YES" };
  if (row.udt_name === "numeric") [column.precision, column.scale] = [row.numeric_precision ?? 0, row.numeric_scale ?? 0];
  if (["timestamp", "timestamptz", "time", "timetz"].includes(row.udt_name)) column.precision = row.datetime_precision ?? 6;
  return column;
}

test("the migrated database has exactly the tables, columns, types and primary keys of the Prisma schema", async () => {
  const { tables: expected, problems } = expectedTables(runtimeDataModel(db.prisma));
  const differences = [...problems];

  const columns = await client.query<ColumnRow>(`
    SELECT c.table_name, c.column_name, c.udt_name, c.is_nullable, c.numeric_precision, c.numeric_scale, c.datetime_precision
    FROM information_schema.columns c
    JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
    WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE' AND c.table_name <> '_prisma_migrations'`);
  const keys = await client.query<{ table_name: string; column_name: string }>(`
    SELECT tc.table_name, k.column_name
    FROM information_schema.table_constraints tc
    JOIN information_schema.key_column_usage k
      ON k.constraint_schema = tc.constraint_schema AND k.constraint_name = tc.constraint_name AND k.table_name = tc.table_name
    WHERE tc.constraint_type = 'PRIMARY KEY' AND tc.table_schema = current_schema()
    ORDER BY tc.table_name, k.ordinal_position`);

  const actual = new Map<string, Map<string, ExpectedColumn>>();
  for (const row of columns.rows) {
    if (!actual.has(row.table_name)) actual.set(row.table_name, new Map());
    actual.get(row.table_name)!.set(row.column_name, actualColumn(row));
  }

  for (const table of expected) {
    const found = actual.get(table.name);
    if (!found) {
      differences.push(`table ${table.name} (model ${table.model}) is missing from the migrations`);
      continue;
    }
    for (const column of table.columns) {
      const real = found.get(column.name);
      if (!real) differences.push(`column ${table.name}.${column.name} (${describeColumn(column)}) is missing from the migrations`);
      else if (describeColumn(real) !== describeColumn(column)) {
        differences.push(`column ${table.name}.${column.name}: schema says ${describeColumn(column)}, migrations made ${describeColumn(real)}`);
      }
    }
    for (const name of found.keys()) {
      if (!table.columns.some((c) => c.name === name)) differences.push(`column ${table.name}.${name} exists in the database but not in model ${table.model}`);
    }
    const primaryKey = keys.rows.filter((k) => k.table_name === table.name).map((k) => k.column_name);
    if (primaryKey.join() !== table.primaryKey.join()) {
      differences.push(`primary key of ${table.name}: schema says (${table.primaryKey.join(", ")}), migrations made (${primaryKey.join(", ")})`);
    }
  }
  for (const name of actual.keys()) {
    if (!expected.some((t) => t.name === name)) differences.push(`table ${name} exists in the database but not in the Prisma schema`);
  }

  expect(differences).toEqual([]);
});

test("the migrated database has exactly the enums of the Prisma schema, values in order", async () => {
  const { enumDbNames } = parseSchema();
  const rows = await client.query<{ typname: string; labels: string[] }>(`
    SELECT t.typname, array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS labels
    FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
    WHERE n.nspname = current_schema() GROUP BY t.typname`);
  const actual = Object.fromEntries(rows.rows.map((r) => [r.typname, r.labels]));
  const expected = Object.fromEntries(
    Object.entries($Enums).map(([name, values]) => [enumDbNames.get(name) ?? name, Object.values(values as Record<string, string>)]),
  );
  expect(actual).toEqual(expected);
});

test("the drift check notices a difference (it can fail)", () => {
  const { tables } = expectedTables(runtimeDataModel(db.prisma));
  const ledger = tables.find((t) => t.name === "ledger_event");
  expect(ledger?.primaryKey).toEqual(["seq", "occurred_at"]);
  expect(ledger?.columns.find((c) => c.name === "occurred_at")).toEqual({ name: "occurred_at", udt: "timestamptz", nullable: false, precision: 3 });
  expect(ledger?.columns.find((c) => c.name === "reason")).toMatchObject({ udt: "text", nullable: true });
});
