import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    -- Failed sign-ins per account and per client address, shared by every app instance.
    create table login_throttles (
      key text primary key check (length(key) between 1 and 400),
      failures integer not null check (failures >= 0),
      last_failure_at timestamptz not null,
      blocked_until timestamptz
    );

    create table invitations (
      id uuid primary key default gen_random_uuid(),
      partnership_id uuid not null references partnerships (id),
      email text not null check (email = lower(btrim(email)) and email like '_%@_%'),
      display_name text not null check (length(btrim(display_name)) between 1 and 200),
      role text not null check (role in ('admin', 'member', 'facilitator', 'observer')),
      sector text not null check (sector in ('public', 'voluntary_community', 'independent')),
      -- SHA-256 of the link's token: a database dump cannot be turned into a working link
      token_hash bytea not null unique check (octet_length(token_hash) = 32),
      invited_by uuid not null references users (id),
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      accepted_at timestamptz,
      accepted_by uuid references users (id),
      revoked_at timestamptz,
      check (accepted_at is null or revoked_at is null),
      check ((accepted_at is null) = (accepted_by is null))
    );
    create index invitations_partnership_id_idx on invitations (partnership_id);
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists invitations, login_throttles`.execute(db);
}
