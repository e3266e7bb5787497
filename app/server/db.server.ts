import { sql } from "kysely";
import { data } from "react-router";
import { openDatabase, type DatabaseHandle } from "../../db/client";
import { databaseOptionsFromEnv, shouldSeedDemo } from "../../db/config";
import { migrateToLatest } from "../../db/migrate";
import { DEMO_SLUGS, seedDemoData } from "./demo-seed.server";
import { startLiveUpdates, stopLiveUpdates } from "./live.server";

interface DatabaseState {
  opening?: Promise<DatabaseHandle>;
  handle?: DatabaseHandle;
}

// Kept on globalThis so the development server's module reloads reuse the one
// open database instead of opening the data folder a second time.
const STATE_KEY = Symbol.for("partnership-board.database");
const state: DatabaseState = ((globalThis as Record<symbol, unknown>)[STATE_KEY] ??= {}) as DatabaseState;

/**
 * The app's database, opened, migrated and (for a new embedded database)
 * seeded on first use. A failed attempt is forgotten, so the next request
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
  const handle = await openDatabase(databaseOptionsFromEnv());
  try {
    await migrateToLatest(handle.db);
    // Embedded Postgres runs no autovacuum: refresh the planner's statistics at
    // each start, so queries over a grown history keep using their indexes.
    if (handle.engine === "pglite") await sql`analyze`.execute(handle.db);
    if (shouldSeedDemo()) {
      // Only into a database that holds nothing but (part of) the demo: never beside real partnerships.
      const slugs = (await handle.db.selectFrom("partnerships").select("slug").execute()).map((row) => row.slug);
      if (slugs.every((slug) => DEMO_SLUGS.includes(slug)) && slugs.length < DEMO_SLUGS.length) {
        console.log("Loading the demo partnerships (Portsmouth, Hertfordshire Compact)…");
        const { created } = await seedDemoData(handle.db);
        if (created) console.log("Loaded the demo partnerships (see README for the demo sign-ins).");
      }
    }
    await startLiveUpdates(handle);
  } catch (error) {
    await handle.close().catch(() => undefined);
    throw error;
  }
  await warnAboutDemoAccounts(handle);
  state.handle = handle;
  return handle;
}

export async function checkDatabase(): Promise<{ engine: DatabaseHandle["engine"] | null; reachable: boolean }> {
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
  try {
    return (await database()).db;
  } catch (error) {
    console.error("Database unavailable:", error instanceof Error ? error.message : error);
    throw data(null, { status: 503 });
  }
}

/** Demo accounts share a published password: say so loudly wherever they exist. */
async function warnAboutDemoAccounts(handle: DatabaseHandle) {
  const demo = await handle.db
    .selectFrom("users")
    .select("id")
    .where("email", "=", "admin@demo.test")
    .where("passwordHash", "is not", null)
    .where("disabledAt", "is", null)
    .executeTakeFirst()
    .catch(() => undefined);
  if (demo) {
    console.warn(
      "Warning: the demo accounts (admin@demo.test and others) are active with the password published in the README. " +
        "For real use, start with an empty database and SEED_DEMO=0, or disable those accounts.",
    );
  }
}
