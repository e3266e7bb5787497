import { Migrator, sql, type Kysely, type MigrationResultSet } from "kysely";
import { migrations } from "./migrations";
import type { Database } from "./schema";

// Any fixed number: instances that start together queue on it.
const MIGRATION_LOCK_KEY = 7_310_412_001;

/**
 * Brings the schema up to date. Safe when several instances start at once:
 * they take turns on a session-level advisory lock, and the later ones find
 * nothing left to do.
 */
export async function migrateToLatest(db: Kysely<Database>): Promise<MigrationResultSet> {
  return db.connection().execute(async (connection) => {
    await sql`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`.execute(connection);
    try {
      const migrator = new Migrator({
        db: connection,
        provider: { getMigrations: async () => migrations },
      });
      const resultSet = await migrator.migrateToLatest();
      if (resultSet.error) throw resultSet.error;
      return resultSet;
    } finally {
      await sql`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`.execute(connection);
    }
  });
}
