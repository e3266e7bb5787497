import { sql, type Kysely } from "kysely";

// The security log reads a partnership's refused requests, newest first; they
// are a few among its many events, which it would otherwise scan.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index audit_events_refused_idx on audit_events (partnership_id, id) where entity_type = 'request' and verb = 'refused'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index audit_events_refused_idx`.execute(db);
}
