import { sql, type Kysely } from "kysely";

// A person's deadlines as an iCalendar feed at a secret address, which
// calendar apps fetch without signing in. One feed per person; only the
// SHA-256 of its token is stored (as sessions and reset links are), so a
// database dump subscribes nobody, and a reset replaces the row's hash.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table calendar_feeds (
      user_id uuid primary key references users (id),
      token_hash bytea not null unique check (octet_length(token_hash) = 32),
      created_at timestamptz not null default now()
    );
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists calendar_feeds`.execute(db);
}
