import fs from "node:fs";
import path from "node:path";
import { PGlite, type PGliteOptions } from "@electric-sql/pglite";
import { CamelCasePlugin, Kysely, PostgresDialect, type Dialect, type LogEvent } from "kysely";
import pg from "pg";
import { PGliteDialect } from "./pglite-driver";
import type { Database } from "./schema";

export type Engine = "pglite" | "postgres";

/** An open database: the Kysely handle plus what it takes to listen and to close it. */
export interface DatabaseHandle {
  db: Kysely<Database>;
  engine: Engine;
  /** Where the data lives, for people: a folder or a connection URL without its password. */
  location: string;
  /** LISTEN on a channel; resolves to a function that stops listening. */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** Set: PostgreSQL over `pg`. Unset: embedded Postgres (PGlite) in `dataDir`. */
  databaseUrl?: string;
  dataDir?: string;
  poolSize?: number;
  onQuery?: (event: LogEvent) => void;
}

const DATE_OID = 1082;
const INT8_OID = 20;

// Both engines read values the same way: a `date` stays "YYYY-MM-DD" (no
// time-zone shifts), a bigint count becomes a number.
const readDate = (value: string) => value;
const readInt8 = (value: string) => Number(value);

export function openDatabase(options: OpenOptions): Promise<DatabaseHandle> {
  return options.databaseUrl
    ? Promise.resolve(openPostgres(options.databaseUrl, options))
    : openEmbedded(options.dataDir ?? "./data", options);
}

export function createKysely(dialect: Dialect, onQuery?: (event: LogEvent) => void): Kysely<Database> {
  return new Kysely<Database>({
    dialect,
    plugins: [new CamelCasePlugin({ maintainNestedObjectKeys: true })],
    log: onQuery,
  });
}

function openPostgres(databaseUrl: string, options: OpenOptions): DatabaseHandle {
  const types = {
    getTypeParser(oid: number, format?: "text" | "binary") {
      if (oid === DATE_OID) return readDate;
      if (oid === INT8_OID) return readInt8;
      return pg.types.getTypeParser(oid, format);
    },
  } as pg.CustomTypesConfig;
  const pool = new pg.Pool({ connectionString: databaseUrl, max: options.poolSize ?? 10, types });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on("error", (error) => console.error("PostgreSQL pool error:", error.message));
  const db = createKysely(new PostgresDialect({ pool }), options.onQuery);
  return {
    db,
    engine: "postgres",
    location: redactPassword(databaseUrl),
    async listen(channel, onPayload) {
      const client = new pg.Client({ connectionString: databaseUrl, types });
      client.on("error", (error) => console.error("PostgreSQL listener error:", error.message));
      await client.connect();
      client.on("notification", (message) => {
        if (message.channel === channel) onPayload(message.payload ?? "");
      });
      await client.query(`listen ${quoteIdentifier(channel)}`);
      return async () => {
        await client.end().catch(() => undefined);
      };
    },
    async close() {
      await db.destroy();
    },
  };
}

/** Opens a PGlite data folder; the lock file keeps a second process out of it. */
async function openEmbedded(dataDir: string, options: OpenOptions): Promise<DatabaseHandle> {
  const folder = path.resolve(dataDir);
  fs.mkdirSync(folder, { recursive: true });
  const releaseLock = takeFolderLock(path.join(folder, "partnership-board.lock"));
  try {
    const pglite = await createPGlite({ dataDir: path.join(folder, "pglite") });
    return embeddedHandle(pglite, folder, options, releaseLock);
  } catch (error) {
    releaseLock();
    throw error;
  }
}

/** A PGlite that reads values as our pg pool does. */
export function createPGlite(options: Omit<PGliteOptions, "parsers">): Promise<PGlite> {
  return PGlite.create({ ...options, parsers: { [DATE_OID]: readDate, [INT8_OID]: readInt8 } });
}

/** A handle over an already-open PGlite (tests use in-memory instances). */
export function embeddedHandle(
  pglite: PGlite,
  location: string,
  options: Pick<OpenOptions, "onQuery"> = {},
  onClosed: () => void = () => undefined,
): DatabaseHandle {
  const db = createKysely(new PGliteDialect(pglite), options.onQuery);
  return {
    db,
    engine: "pglite",
    location,
    async listen(channel, onPayload) {
      const unlisten = await pglite.listen(channel, onPayload);
      return () => unlisten();
    },
    async close() {
      await db.destroy();
      if (!pglite.closed) await pglite.close();
      onClosed();
    },
  };
}

function takeFolderLock(lockPath: string): () => void {
  const claim = () => {
    fs.writeFileSync(lockPath, String(process.pid), { flag: "wx" });
    return () => fs.rmSync(lockPath, { force: true });
  };
  try {
    return claim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  const holder = Number(fs.readFileSync(lockPath, "utf8"));
  if (holder && holder !== process.pid && isRunning(holder)) {
    throw new Error(
      `The data folder ${path.dirname(lockPath)} is in use by process ${holder}. ` +
        "Stop that process first, or set DATA_DIR to another folder.",
    );
  }
  // The lock outlived its process (a crash or kill -9): the folder is free.
  fs.rmSync(lockPath, { force: true });
  return claim();
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function redactPassword(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    if (url.password) url.password = "****";
    return url.toString();
  } catch {
    return "(unparseable DATABASE_URL)";
  }
}

function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
