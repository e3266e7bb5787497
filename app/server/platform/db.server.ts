import { sql } from "kysely";
import { data } from "react-router";
import { openDatabase, type DatabaseHandle, type FaultStage } from "../../../db/client";
import { databaseOptionsFromEnv } from "../../../db/config";
import { migrateToLatest } from "../../../db/migrate";
import { startLiveUpdates, stopLiveUpdates } from "./live.server";

/** What start-up does to the opened, migrated database before it serves (the demo, when asked). */
export type StartUpStep = (handle: DatabaseHandle) => Promise<void>;

interface DatabaseState {
  opening?: Promise<DatabaseHandle>;
  startUp?: StartUpStep;
  handle?: DatabaseHandle;
  /** Set while the database is out of reach: requests are answered at once, and a probe watches for its return. */
  outage?: { since: number; probe: ReturnType<typeof setInterval> };
}

// Kept on globalThis so the development server's module reloads reuse the one
// open database instead of opening the data folder a second time.
const STATE_KEY = Symbol.for("partnership-board.database");
const state: DatabaseState = ((globalThis as Record<symbol, unknown>)[STATE_KEY] ??= {}) as DatabaseState;

/**
 * Sets what the first opening does after migrating. The server's entry sets it
 * before any request, so this module (and every getDb() caller) knows nothing of the demo.
 */
export function setStartUpStep(step: StartUpStep): void {
  state.startUp = step;
}

/**
 * The app's database, opened, migrated and taken through the start-up step
 * on first use. A failed attempt is forgotten, so the next request
 * tries again: the app keeps serving and /healthz says what is wrong.
 */
export function database(): Promise<DatabaseHandle> {
  state.opening ??= openAndPrepare().catch((error: unknown) => {
    state.opening = undefined;
    throw error;
  });
  return state.opening;
}

async function openAndPrepare(): Promise<DatabaseHandle> {
  const handle = await openDatabase({ ...databaseOptionsFromEnv(), onFault: pageForFault });
  try {
    await migrateToLatest(handle.db);
    // Embedded Postgres runs no autovacuum: refresh the planner's statistics at
    // each start, so queries over a grown history keep using their indexes.
    if (handle.engine === "pglite") await sql`analyze`.execute(handle.db);
    await state.startUp?.(handle);
    await startLiveUpdates(handle);
  } catch (error) {
    await handle.close().catch(() => undefined);
    throw error;
  }
  state.handle = handle;
  return handle;
}

export async function checkDatabase(): Promise<{ engine: DatabaseHandle["engine"] | null; reachable: boolean }> {
  if (state.outage) return { engine: state.handle?.engine ?? "postgres", reachable: false };
  try {
    const handle = await database();
    await sql`select 1`.execute(handle.db);
    return { engine: handle.engine, reachable: true };
  } catch {
    return { engine: state.handle?.engine ?? (process.env.DATABASE_URL ? "postgres" : "pglite"), reachable: false };
  }
}

/** Closes the pool or the embedded database so the data folder is left whole. */
export async function closeDatabase(): Promise<void> {
  clearInterval(state.outage?.probe);
  state.outage = undefined;
  const opening = state.opening;
  state.opening = undefined;
  state.handle = undefined;
  if (!opening) return;
  await stopLiveUpdates();
  const handle = await opening.catch(() => undefined);
  await handle?.close();
}

/** The Kysely handle for loaders and actions; an unreachable database becomes a 503 page. */
export async function getDb(): Promise<DatabaseHandle["db"]> {
  if (state.outage) throw unavailable(UNREACHABLE);
  try {
    return (await database()).db;
  } catch (error) {
    console.error("Database unavailable:", error instanceof Error ? error.message : error);
    throw unavailable(UNREACHABLE);
  }
}

// ── When the database is away or stalls ──────────────────────────────────────

const UNREACHABLE = "The database cannot be reached just now. Nothing you saved before is lost; try again in a minute.";
// A change cut off this way is saved whole or not at all; which, the page shows once reloaded.
const TOO_SLOW = "The database took too long to answer. Try again in a moment; if you were saving a change, reload the page first to see whether it was saved.";
const OUTAGE_PROBE_MS = 1_000;

// Errors of a connection that is lost or cannot be made: SQLSTATE class 08,
// the server shutting down (57P01-57P03), and the network's own.
const CONNECTION_LOST = /^(08|57P0[123]$)|^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|EHOSTUNREACH|ENOTFOUND|EAI_AGAIN)$/;
const CONNECTION_LOST_WORDS = /Connection terminated|Client has encountered a connection error/;
/** pg-pool's words when no connection came free in time: a busy pool, not a database away. */
const POOL_BUSY = "timeout exceeded when trying to connect";
/** 57014: cancelled by statement_timeout; 25P03: a transaction left idle too long. */
const TIMED_OUT = /^(57014|25P03)$/;

function unavailable(message: string) {
  return data(message, { status: 503, headers: { "Retry-After": "30", "Cache-Control": "no-store" } });
}

/**
 * What a request is answered when the database fails under it: a page that
 * says the database is away or slow (503), rather than an error of ours. A
 * lost connection also starts an outage, so the requests after it are
 * answered at once instead of each waiting to find out.
 */
function pageForFault(error: unknown, stage: FaultStage): unknown {
  // While the database is being opened, a failure is the opening's own, tried again on the next request.
  if (!state.handle) return error;
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  const codeText = typeof code === "string" ? code : "";
  const words = typeof message === "string" ? message : "";
  if (TIMED_OUT.test(codeText) || words === "Query read timeout" || words === POOL_BUSY) {
    console.error(`The database took too long (${words || codeText}); answered 503.`);
    return unavailable(TOO_SLOW);
  }
  if (stage === "connect" || CONNECTION_LOST.test(codeText) || CONNECTION_LOST_WORDS.test(words)) {
    startOutage(words || codeText);
    return unavailable(UNREACHABLE);
  }
  return error;
}

function startOutage(reason: string) {
  if (state.outage) return;
  console.error(`The database is out of reach (${reason}); answering 503 until it returns.`);
  const since = Date.now();
  const probe = setInterval(() => {
    const handle = state.handle;
    if (!handle) return;
    sql`select 1`.execute(handle.db).then(
      () => endOutage(),
      () => undefined,
    );
  }, OUTAGE_PROBE_MS);
  probe.unref();
  state.outage = { since, probe };
}

function endOutage() {
  const outage = state.outage;
  if (!outage) return;
  clearInterval(outage.probe);
  state.outage = undefined;
  console.log(`The database is back after ${((Date.now() - outage.since) / 1000).toFixed(1)} s.`);
}
