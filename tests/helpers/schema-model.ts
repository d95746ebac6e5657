// What the Prisma schema expects of the database, for the drift test: tables,
// columns with their PostgreSQL types and nullability, primary keys, enums.
// Names and Prisma types come from the generated client's runtime data model;
// what that model leaves out (`?`, `@db.*`, `@id`) is read from schema.prisma.
import { readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

const SCHEMA = path.resolve(import.meta.dirname, "../../prisma/schema.prisma");

export type ExpectedColumn = { name: string; udt: string; nullable: boolean; precision?: number; scale?: number };
export type ExpectedTable = { name: string; model: string; columns: ExpectedColumn[]; primaryKey: string[] };

const RuntimeDataModel = z.object({
  models: z.record(
    z.string(),
    z.object({
      dbName: z.string().nullable(),
      fields: z.array(z.object({ name: z.string(), kind: z.string(), type: z.string(), dbName: z.string().optional() })),
    }),
  ),
});
export type RuntimeDataModel = z.infer<typeof RuntimeDataModel>;

/** Prisma keeps the data model on the client instance; read it defensively, as it is not public API. */
export function runtimeDataModel(client: object): RuntimeDataModel {
  const parsed = RuntimeDataModel.safeParse((client as { _runtimeDataModel?: unknown })._runtimeDataModel);
  if (!parsed.success) throw new Error(`could not read the generated client's runtime data model: ${parsed.error.message}`);
  return parsed.data;
}

type SchemaField = { type: string; optional: boolean; list: boolean; id: boolean; native?: { name: string; args: number[] } };
type SchemaModel = { fields: Map<string, SchemaField>; compoundId: string[] };

/** The few facts per field that the runtime data model lacks. */
export function parseSchema(text = readFileSync(SCHEMA, "utf8")): { models: Map<string, SchemaModel>; enumDbNames: Map<string, string> } {
  const models = new Map<string, SchemaModel>();
  const enumDbNames = new Map<string, string>();
  for (const [, kind, name, body] of text.matchAll(/^(model|enum)\s+(\w+)\s*\{([\s\S]*?)^\}/gm)) {
    const lines = body.split("\n").map((line) => line.replace(/\/\/.*$/, "").trim()).filter(Boolean);
    if (kind === "enum") {
      enumDbNames.set(name, lines.map((line) => /^@@map\("([^"]+)"\)/.exec(line)?.[1]).find(Boolean) ?? name);
      continue;
    }
    const model: SchemaModel = { fields: new Map(), compoundId: [] };
    for (const line of lines) {
      const compound = /^@@id\(\s*(?:fields:\s*)?\[([^\]]+)\]/.exec(line);
      if (compound) model.compoundId = compound[1].split(",").map((field) => field.trim());
      const field = /^(\w+)\s+(\w+)(\[\]|\?)?(.*)$/.exec(line);
      if (!field || line.startsWith("@")) continue;
      const native = /@db\.(\w+)(?:\(([^)]*)\))?/.exec(field[4]);
      model.fields.set(field[1], {
        type: field[2],
        optional: field[3] === "?",
        list: field[3] === "[]",
        id: /(^|\s)@id\b/.test(field[4]),
        native: native ? { name: native[1], args: (native[2] ?? "").split(",").filter((a) => a.trim()).map(Number) } : undefined,
      });
    }
    models.set(name, model);
  }
  return { models, enumDbNames };
}

// Prisma's PostgreSQL mapping: the default column type per scalar, and per @db attribute.
const DEFAULT_UDT: Record<string, string> = {
  String: "text", Int: "int4", BigInt: "int8", Boolean: "bool", DateTime: "timestamp",
  Decimal: "numeric", Float: "float8", Json: "jsonb", Bytes: "bytea",
};
const NATIVE_UDT: Record<string, string> = {
  Uuid: "uuid", Text: "text", VarChar: "varchar", Char: "bpchar", Citext: "citext", SmallInt: "int2", Integer: "int4",
  BigInt: "int8", Timestamptz: "timestamptz", Timestamp: "timestamp", Date: "date", Time: "time", Timetz: "timetz",
  Decimal: "numeric", Real: "float4", DoublePrecision: "float8", Json: "json", JsonB: "jsonb", ByteA: "bytea", Boolean: "bool",
};

function column(field: SchemaField, kind: string, dbName: string, enumDbNames: Map<string, string>): ExpectedColumn {
  const base = kind === "enum" ? enumDbNames.get(field.type) ?? field.type : field.native ? NATIVE_UDT[field.native.name] : DEFAULT_UDT[field.type];
  const expected: ExpectedColumn = { name: dbName, udt: field.list ? `_${base}` : base, nullable: field.optional };
  const args = field.native?.args ?? [];
  if (base === "numeric") [expected.precision, expected.scale] = args.length ? args : [65, 30];
  if (["timestamp", "timestamptz", "time", "timetz"].includes(base)) expected.precision = args[0] ?? 3;
  return expected;
}

/** The tables the schema expects, or the disagreements between schema.prisma and the generated client. */
export function expectedTables(model: RuntimeDataModel): { tables: ExpectedTable[]; problems: string[] } {
  const { models, enumDbNames } = parseSchema();
  const problems: string[] = [];
  const generated = Object.keys(model.models).sort();
  if (generated.join() !== [...models.keys()].sort().join()) {
    problems.push(`the generated client is stale (run npm run generate): it has models ${generated.join(", ")}, the schema ${[...models.keys()].sort().join(", ")}`);
  }
  const tables: ExpectedTable[] = [];
  for (const [modelName, runtime] of Object.entries(model.models)) {
    const schema = models.get(modelName);
    if (!schema) continue;
    const columns: ExpectedColumn[] = [];
    const dbNameOf = new Map<string, string>();
    for (const field of runtime.fields.filter((f) => f.kind === "scalar" || f.kind === "enum")) {
      const parsed = schema.fields.get(field.name);
      if (!parsed || parsed.type !== field.type) {
        problems.push(`${modelName}.${field.name}: the generated client and schema.prisma disagree (run npm run generate)`);
        continue;
      }
      dbNameOf.set(field.name, field.dbName ?? field.name);
      columns.push(column(parsed, field.kind, field.dbName ?? field.name, enumDbNames));
    }
    const idFields = schema.compoundId.length ? schema.compoundId : [...schema.fields].filter(([, f]) => f.id).map(([name]) => name);
    tables.push({ name: runtime.dbName ?? modelName, model: modelName, columns, primaryKey: idFields.map((f) => dbNameOf.get(f) ?? f) });
  }
  return { tables, problems };
}
