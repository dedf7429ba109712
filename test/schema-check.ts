// Test helper: the Kysely table types declared in the code, read with the TypeScript compiler API, compared with the
// tables of a migrated database (information_schema), so that the hand-kept types cannot drift from the migrations.
// Declared types: every exported interface under src/ whose name ends in `Tables` (each module's), and the `DB`
// interface of src/platform/schema.ts while it exists. Each property of such an interface is a table, each property
// of a table a column.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { sql } from 'kysely';
import type { Database } from '../src/platform/db.ts';

/** What the code says about a column. `kinds`: of the selected type without null (see kindsOf). */
export interface DeclaredColumn {
  kinds: string[];
  nullable: boolean;
  optionalOnInsert: boolean;
}
export type DeclaredTables = Map<string, { source: string; columns: Map<string, DeclaredColumn> }>;
/** `generated`: a generated column (`generated always as ... stored`), which the catalog always calls nullable. */
export interface ActualColumn {
  type: string;
  nullable: boolean;
  hasDefault: boolean;
  generated: boolean;
}
export type ActualTables = Map<string, Map<string, ActualColumn>>;

const ROOT = resolve(new URL('..', import.meta.url).pathname);

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) sourceFiles(p, out);
    else if (/\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name)) out.push(p);
  }
  return out;
}

const isTablesInterface = (name: string, file: string): boolean =>
  name.endsWith('Tables') || (name === 'DB' && file.endsWith(join('src', 'platform', 'schema.ts')));

/**
 * Reads the declared table types. `extra` adds in-memory files (the negative test's tiny interface); with `only`,
 * just those files are searched for table interfaces.
 */
export function declaredTables(o: { extra?: Record<string, string>; only?: boolean } = {}): DeclaredTables {
  const extra = new Map(Object.entries(o.extra ?? {}).map(([name, text]) => [resolve(ROOT, name), text]));
  const candidates = o.only
    ? [...extra.keys()]
    : sourceFiles(join(ROOT, 'src')).filter((f) =>
        /export\s+interface\s+(\w*Tables|DB)\b/.test(readFileSync(f, 'utf8')),
      );
  const cfg = ts.getParsedCommandLineOfConfigFile(
    join(ROOT, 'tsconfig.json'),
    {},
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} },
  );
  const options = { ...(cfg?.options ?? {}), noEmit: true };
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile;
  host.getSourceFile = (name, lang, onError, create) => {
    const text = extra.get(resolve(name));
    return text !== undefined
      ? ts.createSourceFile(name, text, lang)
      : getSourceFile.call(host, name, lang, onError, create);
  };
  const fileExists = host.fileExists;
  host.fileExists = (name) => extra.has(resolve(name)) || fileExists.call(host, name);
  const program = ts.createProgram(candidates, options, host);
  const checker = program.getTypeChecker();
  const out: DeclaredTables = new Map();
  const found: { file: string; st: ts.InterfaceDeclaration }[] = [];
  for (const file of candidates) {
    for (const st of program.getSourceFile(file)?.statements ?? []) {
      if (!ts.isInterfaceDeclaration(st) || !st.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword))
        continue;
      if (isTablesInterface(st.name.text, file)) found.push({ file, st });
    }
  }
  // The modules' *Tables first: schema.ts's DB may go on extending them while it exists, so it adds only the rest.
  found.sort((a, b) => Number(a.st.name.text === 'DB') - Number(b.st.name.text === 'DB'));
  for (const { file, st } of found) {
    {
      const isDb = st.name.text === 'DB';
      const source = `${file.slice(ROOT.length + 1)}: ${st.name.text}`;
      const iface = checker.getTypeAtLocation(st.name);
      for (const table of checker.getPropertiesOfType(iface)) {
        const columns = new Map<string, DeclaredColumn>();
        for (const col of checker.getPropertiesOfType(checker.getTypeOfSymbolAtLocation(table, st))) {
          columns.set(col.name, describeColumn(checker, checker.getTypeOfSymbolAtLocation(col, st), st));
        }
        if (out.has(table.name) && isDb) continue;
        if (out.has(table.name))
          throw new Error(`table ${table.name} is declared twice: ${out.get(table.name)!.source} and ${source}`);
        out.set(table.name, { source, columns });
      }
    }
  }
  return out;
}

function describeColumn(checker: ts.TypeChecker, type: ts.Type, at: ts.Node): DeclaredColumn {
  // Kysely's ColumnType<S, I, U> (and Generated<S> = ColumnType<S, S | undefined, S>) is an object with the
  // phantom properties __select__ and __insert__; a plain type is all three at once.
  const select = type.getProperty('__select__');
  const insert = type.getProperty('__insert__');
  const selected = select ? checker.getTypeOfSymbolAtLocation(select, at) : type;
  const inserted = insert ? checker.getTypeOfSymbolAtLocation(insert, at) : type;
  const parts = (t: ts.Type): ts.Type[] => (t.isUnion() ? t.types : [t]);
  const has = (t: ts.Type, flag: ts.TypeFlags) => parts(t).some((p) => (p.flags & flag) !== 0);
  const kinds = new Set<string>();
  for (const p of parts(selected))
    if (!(p.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined))) kinds.add(kindOf(checker, p));
  return {
    kinds: [...kinds].sort(),
    nullable: has(selected, ts.TypeFlags.Null),
    optionalOnInsert: has(inserted, ts.TypeFlags.Undefined),
  };
}

/** A rough kind of a TypeScript type: number, string, boolean, Date, bytes, T[] (of a kind) or json. */
function kindOf(checker: ts.TypeChecker, t: ts.Type): string {
  if (t.flags & (ts.TypeFlags.NumberLike | ts.TypeFlags.BigIntLike)) return 'number';
  if (t.flags & ts.TypeFlags.StringLike) return 'string';
  if (t.flags & ts.TypeFlags.BooleanLike) return 'boolean';
  if (checker.isArrayType(t)) return `${kindOf(checker, checker.getTypeArguments(t as ts.TypeReference)[0])}[]`;
  const name = t.getSymbol()?.getName();
  if (name === 'Date') return 'Date';
  if (name === 'Uint8Array' || name === 'Buffer') return 'bytes';
  return 'json'; // objects, records, unknown: what a json/jsonb column holds
}

/** The columns of the migrated database's public tables (without the migration runner's own table). */
export async function actualTables(db: Database, only?: string[]): Promise<ActualTables> {
  const rows = (
    await sql<{
      table_name: string;
      column_name: string;
      data_type: string;
      udt_name: string;
      is_nullable: string;
      column_default: string | null;
      is_identity: string;
      is_generated: string;
    }>`
    select c.table_name, c.column_name, c.data_type, c.udt_name, c.is_nullable, c.column_default, c.is_identity, c.is_generated
    from information_schema.columns c join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema = 'public' and t.table_type = 'BASE TABLE' and c.table_name <> 'schema_migrations'
    order by c.table_name, c.ordinal_position`.execute(db)
  ).rows;
  const out: ActualTables = new Map();
  for (const r of rows) {
    if (only && !only.includes(r.table_name)) continue;
    if (!out.has(r.table_name)) out.set(r.table_name, new Map());
    const type =
      r.data_type === 'ARRAY'
        ? `${r.udt_name.replace(/^_/, '')}[]`
        : r.data_type === 'USER-DEFINED'
          ? r.udt_name
          : r.data_type;
    out.get(r.table_name)!.set(r.column_name, {
      type,
      nullable: r.is_nullable === 'YES',
      hasDefault: r.column_default !== null || r.is_identity === 'YES' || r.is_generated === 'ALWAYS',
      generated: r.is_generated === 'ALWAYS',
    });
  }
  return out;
}

/** The TypeScript kinds a database type may be declared as (the driver's parsers: int8 and numeric as number, date as text). */
function allowedKinds(dbType: string): string[] | null {
  if (dbType.endsWith('[]')) return allowedKinds(dbType.slice(0, -2))?.map((k) => `${k}[]`) ?? null;
  switch (dbType) {
    case 'smallint':
    case 'integer':
    case 'real':
    case 'double precision':
    case 'int2':
    case 'int4':
    case 'float4':
    case 'float8':
      return ['number'];
    case 'bigint':
    case 'numeric':
    case 'int8':
      return ['number', 'string'];
    case 'text':
    case 'character varying':
    case 'character':
    case 'varchar':
    case 'bpchar':
    case 'uuid':
    case 'citext':
    case 'inet':
    case 'date':
    case 'time without time zone':
      return ['string'];
    case 'boolean':
    case 'bool':
      return ['boolean'];
    case 'timestamp with time zone':
    case 'timestamp without time zone':
    case 'timestamptz':
    case 'timestamp':
      return ['Date'];
    case 'json':
    case 'jsonb':
      return ['json', 'string', 'number', 'boolean', 'json[]', 'string[]', 'number[]'];
    case 'bytea':
      return ['bytes'];
    case 'tsvector':
      return ['string'];
    default:
      return null; // enums and other types: any kind, the name is shown if a column is missing
  }
}

/** Every difference, one readable line each; empty when the types match the database. */
export function compareTables(declared: DeclaredTables, actual: ActualTables): string[] {
  const diff: string[] = [];
  const fmt = (c: ActualColumn) => `${c.type}${c.nullable ? ' null' : ' not null'}${c.hasDefault ? ' default' : ''}`;
  for (const [table, cols] of actual) {
    const d = declared.get(table);
    if (!d) {
      diff.push(`+ table ${table} is in the database (${[...cols.keys()].join(', ')}) but in no *Tables interface`);
      continue;
    }
    for (const [name, c] of cols) {
      const t = d.columns.get(name);
      if (!t) {
        diff.push(`+ ${table}.${name}: in the database (${fmt(c)}) but not in ${d.source}`);
        continue;
      }
      const where = `${table}.${name} (${d.source})`;
      if (c.nullable !== t.nullable && !(c.generated && !t.nullable))
        diff.push(
          `~ ${where}: the database says ${c.nullable ? 'null' : 'not null'}, the type ${t.nullable ? 'includes' : 'excludes'} null`,
        );
      if (c.hasDefault && !t.optionalOnInsert && !t.nullable)
        diff.push(
          `~ ${where}: has a default in the database; declare it Generated<> (or a ColumnType whose insert type allows undefined)`,
        );
      if (!c.hasDefault && !c.nullable && t.optionalOnInsert)
        diff.push(
          `~ ${where}: declared optional on insert (Generated<>) but the database has no default and is not null`,
        );
      const allowed = allowedKinds(c.type);
      const wrong = allowed ? t.kinds.filter((k) => !allowed.includes(k)) : [];
      if (wrong.length > 0 || t.kinds.length === 0)
        diff.push(
          `~ ${where}: the database type ${c.type} does not fit the declared ${t.kinds.join(' | ') || 'never'} (expected ${allowed?.join(' or ')})`,
        );
    }
    for (const name of d.columns.keys())
      if (!cols.has(name)) diff.push(`- ${table}.${name}: in ${d.source} but not in the database`);
  }
  for (const [table, d] of declared)
    if (!actual.has(table)) diff.push(`- table ${table}: in ${d.source} but not in the database`);
  return diff;
}
