// `npm run db:backup`, `npm run db:restore` and `npm run db:copy` (README, "Backups" and "When you outgrow one machine").
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { restoreBackup, writeBackup, type TableFacts } from "../../db/backup";
import { openDatabase, type DatabaseHandle, type OpenOptions } from "../../db/client";
import { databaseOptionsFromEnv } from "../../db/config";
import { migrateToLatest } from "../../db/migrate";
import { backUpThroughRunningApp, rowsIn } from "../server/platform/backups.server";

const USAGE = `Usage:
  npm run db:backup -- --out <file.backup.gz>
  npm run db:restore -- <file.backup.gz> [--data-dir <new folder> | --database-url <postgres://… empty database>]
  npm run db:copy -- --to <postgres://… empty database>
The database backed up or copied is the app's: DATABASE_URL when set, else the folder DATA_DIR (default ./data).`;

class UsageError extends Error {}

const [command, ...rest] = process.argv.slice(2);
const commands: Record<string, (args: string[]) => Promise<void>> = { backup, restore, copy };
const run = command ? commands[command] : undefined;
if (!run) {
  console.error(USAGE);
  process.exit(2);
}
try {
  await run(rest);
} catch (error) {
  // Refusals and usage mistakes are sentences for the operator; only the unforeseen needs its stack.
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}

async function backup(args: string[]) {
  const { values } = parseArgs({ args, options: { out: { type: "string" } } });
  if (!values.out) throw new UsageError(USAGE);
  const out = path.resolve(values.out);
  if (fs.existsSync(out)) throw new UsageError(`${out} already exists; choose a new name, so no backup is overwritten.`);
  const options = databaseOptionsFromEnv();
  started(`Backing up ${describe(options)}`);
  // The embedded database's folder is the running app's alone: it writes the backup.
  const throughApp = options.databaseUrl ? null : await backUpThroughRunningApp(options.dataDir!, out);
  const summary = throughApp ?? (await withDatabase(options, (handle) => writeBackup(handle.db, out, { engine: handle.engine })));
  if (throughApp) console.log("The running app wrote it, from one moment of its database.");
  printTables(summary.tables);
  console.log(
    `Wrote ${out}: ${summary.tables.length} tables, ${rowsIn(summary)} rows, ${kilobytes(out)}, schema ${summary.header.schema}. ` +
      `Sign-ins (${summary.header.excluded.join(", ")}) are not in it.`,
  );
}

async function restore(args: string[]) {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { "data-dir": { type: "string" }, "database-url": { type: "string" } },
  });
  const file = positionals[0];
  if (!file || positionals.length > 1 || (values["data-dir"] && values["database-url"])) throw new UsageError(USAGE);
  const options = targetOptions(values["database-url"], values["data-dir"]);
  started(`Restoring ${path.resolve(file)} into ${describe(options)}`);
  const summary = await withDatabase(options, (handle) => restoreBackup(handle.db, path.resolve(file)));
  printTables(summary.tables);
  console.log(
    `Restored ${summary.tables.length} tables, ${rowsIn(summary)} rows from the backup taken ${summary.header.takenAt}; every table's checksum matches.`,
  );
  console.log(`Start the app on it: ${startCommand(options)}`);
  console.log("People sign in again: sign-ins are not part of a backup.");
}

async function copy(args: string[]) {
  const { values } = parseArgs({ args, options: { to: { type: "string" } } });
  if (!values.to || !/^postgres(ql)?:\/\//.test(values.to)) throw new UsageError(USAGE);
  const source = databaseOptionsFromEnv();
  const target: OpenOptions = { databaseUrl: values.to };
  started(`Copying ${describe(source)} into ${describe(target)}`);
  const temporary = fs.mkdtempSync(path.join(os.tmpdir(), "partnership-board-copy-"));
  try {
    const file = path.join(temporary, "copy.backup.gz");
    // Sign-ins too: moving the database need not sign anyone out.
    const written = await withDatabase(source, async (handle) => {
      await migrateToLatest(handle.db);
      return writeBackup(handle.db, file, { engine: handle.engine, exclude: [] });
    });
    // The restore reads every table back and compares it with the source's snapshot before it commits; a difference copies nothing.
    const copied = await withDatabase(target, (handle) => restoreBackup(handle.db, file));
    printTables(written.tables, copied.tables);
    console.log(`Copied ${written.tables.length} tables, ${rowsIn(written)} rows; every table's row count and checksum are the same in both.`);
    console.log(`Next: stop using ${source.databaseUrl ? "the old database" : `the folder ${source.dataDir}`} and start the app on PostgreSQL:`);
    console.log(`  ${startCommand(target)}`);
    console.log("Keep the old folder until you have checked the app on the copy; nothing in it was changed.");
  } finally {
    fs.rmSync(temporary, { recursive: true, force: true });
  }
}

/** The restore's target: a flag, else the app's own settings. */
function targetOptions(databaseUrl: string | undefined, dataDir: string | undefined): OpenOptions {
  if (databaseUrl) return { databaseUrl };
  if (dataDir) return { dataDir };
  return databaseOptionsFromEnv();
}

async function withDatabase<T>(options: OpenOptions, work: (handle: DatabaseHandle) => Promise<T>): Promise<T> {
  const handle = await openDatabase(options);
  try {
    return await work(handle);
  } finally {
    await handle.close();
  }
}

function describe(options: OpenOptions): string {
  if (!options.databaseUrl) return `the embedded database in ${path.resolve(options.dataDir ?? "./data")}`;
  const url = new URL(options.databaseUrl);
  if (url.password) url.password = "****";
  return `PostgreSQL at ${url.toString()}`;
}

function startCommand(options: OpenOptions): string {
  return options.databaseUrl ? `DATABASE_URL='${options.databaseUrl}' npm start` : `DATA_DIR='${path.resolve(options.dataDir ?? "./data")}' npm start`;
}

function started(what: string) {
  console.log(`${what}…`);
}

function kilobytes(file: string): string {
  return `${(fs.statSync(file).size / 1024).toFixed(1)} kB`;
}

/** Each table's rows and checksum; with a copy's, whether they agree. */
function printTables(tables: TableFacts[], copied?: TableFacts[]) {
  const width = Math.max(...tables.map((table) => table.table.length));
  for (const table of tables) {
    const other = copied?.find((facts) => facts.table === table.table);
    const verdict = copied ? (other && other.rows === table.rows && other.checksum === table.checksum ? "  same" : "  DIFFERENT") : "";
    console.log(`  ${table.table.padEnd(width)}  ${String(table.rows).padStart(7)} rows  ${table.checksum}${verdict}`);
  }
}
