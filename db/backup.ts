import { once } from "node:events";
import fs from "node:fs";
import readline from "node:readline";
import { pipeline } from "node:stream/promises";
import zlib from "node:zlib";
import { Migrator, sql, type Kysely, type Transaction } from "kysely";
import type { Engine } from "./client";
import { migrations } from "./migrations";
import type { Database } from "./schema";

// Backups in one format for both engines, so that a backup of the embedded
// database restores into PostgreSQL and the other way round (which neither
// pg_dump's format nor a PGlite folder archive can do). A backup is gzip'd JSON
// lines: a header, then per table a line with its row count and checksum and
// its rows, then an end line. Each row is written by PostgreSQL itself
// (row_to_json) and read back by it (json_populate_recordset), so no value
// passes through JavaScript's types: timestamps keep their microseconds.

export const BACKUP_FORMAT = "partnership-board-backup";
const FORMAT_VERSION = 1;
/** Rows per FETCH while writing, and the most per INSERT while restoring. */
const BATCH_ROWS = 1_000;
/** Sign-ins are not data: a restored copy asks people to sign in again. */
export const NOT_BACKED_UP = ["sessions"] as const;
/** Tables a migration fills (a fresh secret): an empty database has their rows, and a restore replaces them with the backup's, so links signed before still open. */
const FILLED_BY_MIGRATIONS = ["site_keys"];

export interface TableFacts {
  table: string;
  rows: number;
  /** md5 over each row's md5, in sorted order: the same rows give the same checksum on either engine. */
  checksum: string;
}

export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  formatVersion: number;
  /** The last migration the database had: a restore brings its target to this one first. */
  schema: string;
  takenAt: string;
  engine: Engine;
  /** In an order that loads every row after the rows it refers to. */
  tables: string[];
  excluded: string[];
}

export interface BackupSummary {
  header: BackupHeader;
  tables: TableFacts[];
}

/** Refused: the file, the target or the schema is not one a backup may be restored from or into. */
export class BackupRefused extends Error {}

/**
 * Writes a backup of `db` to `outPath`, from one snapshot of the database, so
 * that a backup taken while people work holds every change committed before it
 * began and none half-made. The file appears under its name only once whole.
 */
export async function writeBackup(db: Kysely<Database>, outPath: string, options: { engine: Engine; exclude?: readonly string[] }): Promise<BackupSummary> {
  const exclude = options.exclude ?? NOT_BACKED_UP;
  const partial = `${outPath}.partial`;
  const gzip = zlib.createGzip();
  const written = pipeline(gzip, fs.createWriteStream(partial, { mode: 0o600 }));
  // A failed write (a full disk) surfaces at `written`; until then, writes must not wait on a stream that will never drain.
  let failed = false;
  written.catch(() => (failed = true));
  const writeLine = async (text: string) => {
    if (failed) return;
    if (!gzip.write(`${text}\n`)) await Promise.race([once(gzip, "drain"), written.catch(() => undefined)]);
  };
  try {
    const summary = await readSnapshot(db, async (trx) => {
      const header: BackupHeader = {
        format: BACKUP_FORMAT,
        formatVersion: FORMAT_VERSION,
        schema: await schemaOf(trx),
        takenAt: new Date().toISOString(),
        engine: options.engine,
        tables: (await tablesInLoadOrder(trx)).filter((table) => !exclude.includes(table)),
        excluded: [...exclude],
      };
      await writeLine(JSON.stringify(header));
      const tables: TableFacts[] = [];
      for (const table of header.tables) {
        const facts = await checksumOf(trx, table);
        tables.push(facts);
        await writeLine(JSON.stringify(facts));
        await eachRowAsJson(trx, table, writeLine);
      }
      await writeLine(JSON.stringify({ end: true, tables: tables.length, rows: tables.reduce((sum, table) => sum + table.rows, 0) }));
      return { header, tables };
    });
    gzip.end();
    await written;
    fs.renameSync(partial, outPath);
    return summary;
  } catch (error) {
    gzip.destroy();
    await written.catch(() => undefined);
    fs.rmSync(partial, { force: true });
    throw error;
  }
}

/**
 * Restores a backup file into `db`, which must hold none of our rows: brings
 * the schema to the backup's, loads every table in one transaction, checks
 * each table's rows against the backup's count and checksum (any difference
 * undoes it all), then migrates to this version's latest schema.
 */
export async function restoreBackup(db: Kysely<Database>, filePath: string): Promise<BackupSummary> {
  if (!fs.existsSync(filePath)) throw new BackupRefused(`There is no file at ${filePath}.`);
  const input = fs.createReadStream(filePath).pipe(zlib.createGunzip());
  const lines = readline.createInterface({ input, crlfDelay: Infinity })[Symbol.asyncIterator]();
  const next = async (what: string): Promise<string> => {
    let result: IteratorResult<string>;
    try {
      result = await lines.next();
    } catch (error) {
      throw new BackupRefused(`${filePath} is damaged: ${(error as Error).message}. Nothing was restored.`);
    }
    if (result.done) throw new BackupRefused(`${filePath} ends before its ${what}: it was cut short. Nothing was restored.`);
    return result.value;
  };
  try {
    const header = parseHeader(await next("header"), filePath);
    await refuseUnlessEmpty(db, header.schema);
    await migrateTo(db, header.schema);
    const tables = await db.transaction().execute(async (trx) => {
      await sameTextEverywhere(trx);
      await setUserTriggers(trx, header.tables, "disable");
      const loaded: TableFacts[] = [];
      for (const table of header.tables) {
        const facts = parseTableLine(await next(`table ${table}`), table, filePath);
        if (FILLED_BY_MIGRATIONS.includes(table)) await sql`delete from ${sql.table(table)}`.execute(trx);
        let batch: string[] = [];
        for (let row = 0; row < facts.rows; row++) {
          batch.push(await next(`row ${row + 1} of ${table}`));
          if (batch.length === BATCH_ROWS || row === facts.rows - 1) {
            await insertRows(trx, table, batch, filePath);
            batch = [];
          }
        }
        loaded.push(facts);
      }
      parseEndLine(await next("end"), loaded, filePath);
      await setUserTriggers(trx, header.tables, "enable");
      await continueIdentities(trx, header.tables);
      const restored: TableFacts[] = [];
      for (const table of header.tables) restored.push(await checksumOf(trx, table));
      const differences = compareFacts(loaded, restored);
      if (differences.length > 0) throw new BackupRefused(`${filePath} does not match its own checksums (${differences.join("; ")}). Nothing was restored.`);
      // As read back from the target, inside the load's transaction: what the caller reports is what was checked.
      return restored;
    });
    await migrateTo(db, latestMigration());
    return { header, tables };
  } finally {
    input.destroy();
  }
}

/** Every table's row count and checksum, read from one snapshot. */
export function checksumsOf(db: Kysely<Database>, options: { exclude?: readonly string[] } = {}): Promise<TableFacts[]> {
  return readSnapshot(db, async (trx) => {
    const tables = (await tablesInLoadOrder(trx)).filter((table) => !options.exclude?.includes(table));
    const facts: TableFacts[] = [];
    for (const table of tables) facts.push(await checksumOf(trx, table));
    return facts;
  });
}

/** Where two sets of facts differ, in words; empty when they agree. */
export function compareFacts(expected: TableFacts[], actual: TableFacts[]): string[] {
  const differences: string[] = [];
  for (const want of expected) {
    const have = actual.find((facts) => facts.table === want.table);
    if (!have) differences.push(`${want.table} is missing`);
    else if (have.rows !== want.rows) differences.push(`${want.table} has ${have.rows} rows, not ${want.rows}`);
    else if (have.checksum !== want.checksum) differences.push(`${want.table}'s rows differ`);
  }
  return differences;
}

export function latestMigration(): string {
  return Object.keys(migrations).sort().at(-1)!;
}

// ── Reading ──────────────────────────────────────────────────────────────────

/** A read-only transaction that sees one moment of the database, with values written the same way on either engine. */
function readSnapshot<T>(db: Kysely<Database>, work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  return db
    .transaction()
    .setIsolationLevel("repeatable read")
    .setAccessMode("read only")
    .execute(async (trx) => {
      await sameTextEverywhere(trx);
      return work(trx);
    });
}

/** A row's text (hence its checksum) depends on these settings; both engines and every machine use the same. */
async function sameTextEverywhere(trx: Transaction<Database>): Promise<void> {
  await sql`set local timezone to 'UTC'; set local datestyle to 'ISO, YMD'; set local intervalstyle to 'postgres'; set local extra_float_digits to 1`.execute(
    trx,
  );
}

async function schemaOf(db: Kysely<Database>): Promise<string> {
  const name = await lastMigrationIn(db);
  if (!name) throw new BackupRefused("This database has no schema yet: there is nothing to back up.");
  return name;
}

/** The last migration applied; null in a database never migrated. */
async function lastMigrationIn(db: Kysely<Database>): Promise<string | null> {
  const { rows } = await sql<{ migrated: boolean }>`select to_regclass('kysely_migration') is not null as migrated`.execute(db);
  if (!rows[0]!.migrated) return null;
  const { rows: last } = await sql<{ name: string | null }>`select max(name) as name from kysely_migration`.execute(db);
  return last[0]?.name ?? null;
}

/** Our tables, each after the tables its foreign keys point to (Kysely's own bookkeeping left out). */
async function tablesInLoadOrder(db: Kysely<Database>): Promise<string[]> {
  const { rows: tables } = await sql<{ name: string }>`
    select c.relname as name from pg_class c
    where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p') and c.relname not like 'kysely\_%'
    order by c.relname
  `.execute(db);
  const { rows: references } = await sql<{ child: string; parent: string }>`
    select child.relname as child, parent.relname as parent
    from pg_constraint k join pg_class child on child.oid = k.conrelid join pg_class parent on parent.oid = k.confrelid
    where k.contype = 'f' and k.connamespace = 'public'::regnamespace and k.conrelid <> k.confrelid
  `.execute(db);
  const order: string[] = [];
  const pending = new Set(tables.map((table) => table.name));
  while (pending.size > 0) {
    const ready = [...pending].filter((table) => !references.some((edge) => edge.child === table && pending.has(edge.parent)));
    if (ready.length === 0) throw new Error(`These tables refer to each other in a circle: ${[...pending].join(", ")}.`);
    for (const table of ready) {
      order.push(table);
      pending.delete(table);
    }
  }
  return order;
}

async function checksumOf(trx: Transaction<Database>, table: string): Promise<TableFacts> {
  const { rows } = await sql<{ rows: number; checksum: string }>`
    select count(*)::int as rows, md5(coalesce(string_agg(row_hash, '' order by row_hash), '')) as checksum
    from (select md5(t::text) as row_hash from ${sql.table(table)} as t) as hashed
  `.execute(trx);
  return { table, rows: rows[0]!.rows, checksum: rows[0]!.checksum };
}

/** Reads a table a batch at a time through a cursor, so a long history is never held in memory whole. */
async function eachRowAsJson(trx: Transaction<Database>, table: string, onRow: (json: string) => Promise<void>): Promise<void> {
  await sql`declare backup_rows no scroll cursor for select row_to_json(t)::text as json from ${sql.table(table)} as t`.execute(trx);
  for (;;) {
    const { rows } = await sql<{ json: string }>`fetch ${sql.raw(String(BATCH_ROWS))} from backup_rows`.execute(trx);
    for (const row of rows) await onRow(row.json);
    if (rows.length < BATCH_ROWS) break;
  }
  await sql`close backup_rows`.execute(trx);
}

// ── Restoring ────────────────────────────────────────────────────────────────

function parseHeader(line: string, filePath: string): BackupHeader {
  const header = parseJson(line, filePath) as Partial<BackupHeader> | null;
  if (header?.format !== BACKUP_FORMAT) throw new BackupRefused(`${filePath} is not a Partnership Board backup.`);
  if (header.formatVersion !== FORMAT_VERSION || typeof header.schema !== "string" || !Array.isArray(header.tables)) {
    throw new BackupRefused(`${filePath} was written by a version of Partnership Board this one cannot read.`);
  }
  if (!(header.schema in migrations)) {
    throw new BackupRefused(
      `${filePath} is from a newer version of Partnership Board (schema ${header.schema}; this version knows up to ${latestMigration()}). ` +
        "Restore it with that version or a later one.",
    );
  }
  return header as BackupHeader;
}

function parseTableLine(line: string, table: string, filePath: string): TableFacts {
  const facts = parseJson(line, filePath) as Partial<TableFacts> | null;
  if (facts?.table !== table || !Number.isInteger(facts.rows) || facts.rows! < 0 || typeof facts.checksum !== "string") {
    throw new BackupRefused(`${filePath} is damaged: the table ${table} is not where its header says. Nothing was restored.`);
  }
  return facts as TableFacts;
}

function parseEndLine(line: string, loaded: TableFacts[], filePath: string): void {
  const end = parseJson(line, filePath) as { end?: unknown; tables?: unknown } | null;
  if (end?.end !== true || end.tables !== loaded.length)
    throw new BackupRefused(`${filePath} is damaged: it does not end where its header says. Nothing was restored.`);
}

function parseJson(line: string, filePath: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    throw new BackupRefused(`${filePath} is damaged: a line of it is not readable. Nothing was restored.`);
  }
}

/** A restore adds to nothing: a database (or folder) that holds any of our rows is refused, and so is one migrated past the backup. */
async function refuseUnlessEmpty(db: Kysely<Database>, backupSchema: string): Promise<void> {
  const schema = await lastMigrationIn(db);
  if (schema === null) return;
  for (const table of (await tablesInLoadOrder(db)).filter((name) => !FILLED_BY_MIGRATIONS.includes(name))) {
    const { rows } = await sql<{ any: boolean }>`select exists (select 1 from ${sql.table(table)}) as any`.execute(db);
    if (rows[0]!.any) throw new BackupRefused(`The target is not empty (its ${table} table has rows). Use an empty database or a new data folder.`);
  }
  if (schema > backupSchema) {
    throw new BackupRefused(`The target's schema (${schema}) is newer than the backup's (${backupSchema}). Restore into a database with no tables yet.`);
  }
}

async function migrateTo(db: Kysely<Database>, name: string): Promise<void> {
  const { error } = await new Migrator({ db, provider: { getMigrations: async () => migrations } }).migrateTo(name);
  if (error) throw error;
}

/**
 * The backup's rows are history as it was: the triggers that guard history
 * (append-only, sealed reviews) and keep plan versions would refuse or change
 * them. They are off for this transaction only, which no one else sees until
 * it commits with them on again. Foreign keys stay checked.
 */
async function setUserTriggers(trx: Transaction<Database>, tables: string[], state: "enable" | "disable"): Promise<void> {
  for (const table of tables) await sql`alter table ${sql.table(table)} ${sql.raw(state)} trigger user`.execute(trx);
}

async function insertRows(trx: Transaction<Database>, table: string, rows: string[], filePath: string): Promise<void> {
  try {
    await sql`
      insert into ${sql.table(table)} overriding system value
      select * from json_populate_recordset(null::${sql.table(table)}, ${`[${rows.join(",")}]`}::json)
    `.execute(trx);
  } catch (error) {
    throw new BackupRefused(`${filePath} is damaged: rows of ${table} could not be loaded (${(error as Error).message}). Nothing was restored.`);
  }
}

/** Identity columns carry on after the highest restored value, so the next history entry gets a new id. */
async function continueIdentities(trx: Transaction<Database>, tables: string[]): Promise<void> {
  const { rows } = await sql<{ table: string; column: string }>`
    select c.relname as table, a.attname as column from pg_attribute a join pg_class c on c.oid = a.attrelid
    where c.relnamespace = 'public'::regnamespace and a.attidentity in ('a', 'd') and not a.attisdropped
  `.execute(trx);
  for (const { table, column } of rows.filter((row) => tables.includes(row.table))) {
    await sql`
      select setval(pg_get_serial_sequence(${table}, ${column}), coalesce(max(${sql.ref(column)}), 1), max(${sql.ref(column)}) is not null)
      from ${sql.table(table)}
    `.execute(trx);
  }
}
