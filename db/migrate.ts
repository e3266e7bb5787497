import { Migrator, type Kysely, type MigrationResultSet } from "kysely";
import { migrations } from "./migrations";
import type { Database } from "./schema";

/**
 * Brings the schema up to date. Safe when several instances start at once:
 * Kysely's migrator takes a session-level advisory lock around the run (its
 * PostgresAdapter, used on PGlite too) and creates its own tables race-safely,
 * so the later instances wait, then find nothing left to do.
 */
export async function migrateToLatest(db: Kysely<Database>): Promise<MigrationResultSet> {
  const resultSet = await new Migrator({ db, provider: { getMigrations: async () => migrations } }).migrateToLatest();
  if (resultSet.error) throw resultSet.error;
  return resultSet;
}
