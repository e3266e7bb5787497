import { sql, type Kysely } from "kysely";

// A way back for someone who forgot their password: a single-use link,
// emailed on request or issued by an admin, stored only as the SHA-256 of its
// token (as invitations and sessions are), so a database dump opens nothing.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table password_resets (
      id uuid primary key default gen_random_uuid(),
      user_id uuid not null references users (id),
      token_hash bytea not null unique check (octet_length(token_hash) = 32),
      -- 'email': the person asked for it on the sign-in page; 'admin': an admin issued it on People;
      -- 'operator': printed on the command line, for someone no single admin may reset.
      via text not null check (via in ('email', 'admin', 'operator')),
      issued_by uuid references users (id),
      partnership_id uuid references partnerships (id),
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      used_at timestamptz,
      -- Replaced by a newer link, or spent by a reset made with another one.
      revoked_at timestamptz,
      check ((via = 'admin') = (issued_by is not null and partnership_id is not null)),
      check (used_at is null or revoked_at is null),
      check (expires_at > created_at)
    );
    create index password_resets_open_idx on password_resets (user_id) where used_at is null and revoked_at is null;
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists password_resets`.execute(db);
}
