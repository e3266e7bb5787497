import fs from "node:fs";
import path from "node:path";
import { PGlite, type PGliteOptions } from "@electric-sql/pglite";
import { CamelCasePlugin, Kysely, PostgresDialect, type DatabaseConnection, type Dialect, type LogEvent } from "kysely";
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
  /**
   * LISTEN on a channel; resolves to a function that stops listening. On
   * PostgreSQL a lost listening connection is opened again, after which
   * `onReconnected` runs: notifications sent in the gap are lost. `onLost`
   * runs when the gap begins.
   */
  listen(channel: string, onPayload: (payload: string) => void, onReconnected?: () => void, onLost?: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** Set: PostgreSQL over `pg`. Unset: embedded Postgres (PGlite) in `dataDir`. */
  databaseUrl?: string;
  /** PostgreSQL: where to LISTEN, when `databaseUrl` is a pooler in transaction mode (LISTEN needs a session of its own). */
  listenUrl?: string;
  dataDir?: string;
  poolSize?: number;
  /** PostgreSQL: a statement running longer is cancelled, and so is a transaction left idle this long. */
  statementTimeoutMs?: number;
  /** PostgreSQL: a new connection not made within this long fails, so requests fail fast while the server is away. */
  connectTimeoutMs?: number;
  onQuery?: (event: LogEvent) => void;
  /**
   * Sees every error of a connection or a query before it is thrown, and
   * returns what to throw instead (or the error itself): the app turns an
   * unreachable database into a page that says so.
   */
  onFault?: (error: unknown, stage: FaultStage) => unknown;
}

/** Where an error arose: while connecting (so the database is out of reach) or in a statement. */
export type FaultStage = "connect" | "statement";

const DATE_OID = 1082;
const INT8_OID = 20;

// Both engines read values the same way: a `date` stays "YYYY-MM-DD" (no
// time-zone shifts), a bigint count becomes a number.
const readDate = (value: string) => value;
const readInt8 = (value: string) => Number(value);

export function openDatabase(options: OpenOptions): Promise<DatabaseHandle> {
  return options.databaseUrl ? Promise.resolve(openPostgres(options.databaseUrl, options)) : openEmbedded(options.dataDir ?? "./data", options);
}

export function createKysely(dialect: Dialect, onQuery?: (event: LogEvent) => void, onFault?: OpenOptions["onFault"]): Kysely<Database> {
  return new Kysely<Database>({
    dialect: onFault ? faultsSeenBy(dialect, onFault) : dialect,
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
  // What every connection shares, the pool's and the listener's.
  const connection = { types, keepAlive: true, keepAliveInitialDelayMillis: KEEPALIVE_AFTER_MS };
  const statementTimeoutMs = options.statementTimeoutMs ?? 15_000;
  const pool = new pg.Pool({
    ...connection,
    connectionString: databaseUrl,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 3_000,
    // Set on each connection by the server: a stalled statement is cancelled
    // with an error, and a transaction left open cannot hold its locks.
    statement_timeout: statementTimeoutMs,
    idle_in_transaction_session_timeout: statementTimeoutMs,
    // The client's own limit, for a server that stops answering altogether.
    query_timeout: statementTimeoutMs + 5_000,
  });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on("error", (error) => console.error("PostgreSQL pool error:", error.message));
  // Nor may one in use (a failover mid-transaction): its query fails, the
  // request is answered, and the pool drops the client when it comes back.
  pool.on("connect", (client) => client.on("error", (error) => console.error("PostgreSQL connection lost in use:", error.message)));
  const db = createKysely(new PostgresDialect({ pool }), options.onQuery, options.onFault);
  return {
    db,
    engine: "postgres",
    location: redactPassword(databaseUrl),
    listen: (channel, onPayload, onReconnected, onLost) =>
      listenWithReconnect(
        () => new pg.Client({ ...connection, connectionString: options.listenUrl ?? databaseUrl }),
        channel,
        onPayload,
        onReconnected,
        onLost,
      ),
    async close() {
      await db.destroy();
    },
  };
}

const RECONNECT_DELAYS_MS = [500, 1_000, 2_000, 5_000];
/** TCP keepalive probes after this long idle, so a connection cut without a word (a dead network path) is noticed in seconds, not the system's two hours. */
const KEEPALIVE_AFTER_MS = 10_000;

/**
 * One connection that LISTENs, opened again whenever it is lost (a database
 * restart, a network cut), a little later each time it fails. The first
 * connection must succeed: the caller learns at once if the database is away.
 */
async function listenWithReconnect(
  newClient: () => pg.Client,
  channel: string,
  onPayload: (payload: string) => void,
  onReconnected: () => void = () => undefined,
  onLost: () => void = () => undefined,
): Promise<() => Promise<void>> {
  let client: pg.Client | null = null;
  let stopped = false;
  let retry: ReturnType<typeof setTimeout> | undefined;

  const connect = async () => {
    const next = newClient();
    next.on("error", (error) => console.error("PostgreSQL listener error:", error.message));
    next.on("notification", (message) => {
      if (message.channel === channel) onPayload(message.payload ?? "");
    });
    try {
      await next.connect();
      await next.query(`listen ${quoteIdentifier(channel)}`);
    } catch (error) {
      await next.end().catch(() => undefined);
      throw error;
    }
    // Stopped while this connection was being made: it is not needed.
    if (stopped) {
      await next.end().catch(() => undefined);
      return;
    }
    next.once("end", () => {
      if (stopped) return;
      console.error("PostgreSQL listener: connection lost; reconnecting…");
      onLost();
      reconnect(0);
    });
    client = next;
  };
  const reconnect = (attempt: number) => {
    if (stopped) return;
    retry = setTimeout(
      () => {
        connect().then(
          () => {
            if (stopped) return;
            console.log("PostgreSQL listener: reconnected.");
            onReconnected();
          },
          () => reconnect(attempt + 1),
        );
      },
      RECONNECT_DELAYS_MS[Math.min(attempt, RECONNECT_DELAYS_MS.length - 1)],
    );
    // Waiting to reconnect must not keep a stopping process alive.
    retry.unref();
  };

  await connect();
  return async () => {
    stopped = true;
    clearTimeout(retry);
    await client?.end().catch(() => undefined);
  };
}

/** A dialect whose connections hand every error to `onFault` and throw what it returns. */
function faultsSeenBy(dialect: Dialect, onFault: NonNullable<OpenOptions["onFault"]>): Dialect {
  const seen = async <T>(work: () => Promise<T>, stage: FaultStage = "statement"): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      throw onFault(error, stage);
    }
  };
  return {
    createAdapter: () => dialect.createAdapter(),
    createIntrospector: (db) => dialect.createIntrospector(db),
    createQueryCompiler: () => dialect.createQueryCompiler(),
    createDriver() {
      const driver = dialect.createDriver();
      // Kysely hands our connection back to the driver, which needs its own.
      const inner = new WeakMap<DatabaseConnection, DatabaseConnection>();
      const own = (connection: DatabaseConnection) => inner.get(connection) ?? connection;
      return {
        init: () => driver.init(),
        destroy: () => driver.destroy(),
        beginTransaction: (connection, settings) => seen(() => driver.beginTransaction(own(connection), settings)),
        commitTransaction: (connection) => seen(() => driver.commitTransaction(own(connection))),
        // A rollback after a lost connection fails too, and its error is the one thrown.
        rollbackTransaction: (connection) => seen(() => driver.rollbackTransaction(own(connection))),
        releaseConnection: (connection) => driver.releaseConnection(own(connection)),
        ...(driver.savepoint && { savepoint: (connection, name, compile) => seen(() => driver.savepoint!(own(connection), name, compile)) }),
        ...(driver.rollbackToSavepoint && {
          rollbackToSavepoint: (connection, name, compile) => seen(() => driver.rollbackToSavepoint!(own(connection), name, compile)),
        }),
        ...(driver.releaseSavepoint && {
          releaseSavepoint: (connection, name, compile) => seen(() => driver.releaseSavepoint!(own(connection), name, compile)),
        }),
        async acquireConnection() {
          const connection = await seen(() => driver.acquireConnection(), "connect");
          const watched: DatabaseConnection = {
            executeQuery: (query) => seen(() => connection.executeQuery(query)),
            streamQuery: (query, chunkSize) => connection.streamQuery(query, chunkSize),
          };
          inner.set(watched, connection);
          return watched;
        },
      };
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
  options: Pick<OpenOptions, "onQuery" | "onFault"> = {},
  onClosed: () => void = () => undefined,
): DatabaseHandle {
  const db = createKysely(new PGliteDialect(pglite), options.onQuery, options.onFault);
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
      `The data folder ${path.dirname(lockPath)} is in use by process ${holder}. ` + "Stop that process first, or set DATA_DIR to another folder.",
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
