import { randomBytes } from "node:crypto";
import { sql, type Kysely } from "kysely";

// Emails as rows (the transactional outbox): a change that causes a notice
// inserts its email in the change's own transaction, and a sender delivers
// the rows later, so a notice is never sent for a change that rolled back nor
// lost for one that committed. A digest is keyed by (person, week): two
// instances or a restart cannot queue it twice. People choose their digest's
// day and turn kinds of email off (one row per kind turned off); a plan sets
// how many days before a due date its leads are reminded (null: never).

const KINDS = "'digest', 'completion_proposed', 'completion_returned', 'review_published', 'review_assigned', 'due_reminder'";

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table email_preferences (
      user_id uuid primary key references users (id),
      -- ISO weekday: 1 Monday … 7 Sunday.
      digest_day smallint not null default 1 check (digest_day between 1 and 7),
      updated_at timestamptz not null default now()
    );

    create table email_opt_outs (
      user_id uuid not null references users (id),
      kind text not null check (kind in (${sql.raw(KINDS)})),
      created_at timestamptz not null default now(),
      primary key (user_id, kind)
    );

    alter table plans add column due_reminder_days smallint default 7 check (due_reminder_days between 1 and 60);

    create table email_outbox (
      id uuid primary key default gen_random_uuid(),
      -- Set where an email must exist once at most (a digest per person per week, a reminder per due date).
      dedupe_key text unique,
      user_id uuid not null references users (id),
      partnership_id uuid references partnerships (id),
      kind text not null check (kind in (${sql.raw(KINDS)})),
      subject text not null,
      text_body text not null,
      html_body text not null,
      -- empty: a digest with nothing to say, kept so that its week counts as done.
      status text not null default 'queued' check (status in ('queued', 'sending', 'sent', 'failed', 'cancelled', 'empty')),
      attempts integer not null default 0,
      next_attempt_at timestamptz not null default now(),
      claimed_until timestamptz,
      last_error text,
      created_at timestamptz not null default now(),
      sent_at timestamptz
    );
    create index email_outbox_due on email_outbox (next_attempt_at) where status in ('queued', 'sending');
    create index email_outbox_partnership on email_outbox (partnership_id, created_at);
    create index email_outbox_person on email_outbox (user_id, kind, created_at);

    -- Keys the app signs with (unsubscribe links), made here so every instance shares them.
    create table site_keys (
      name text primary key,
      secret bytea not null check (octet_length(secret) >= 32)
    );
  `.execute(db);
  await sql`insert into site_keys (name, secret) values ('unsubscribe', ${randomBytes(32)})`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    drop table if exists site_keys;
    drop table if exists email_outbox;
    alter table plans drop column if exists due_reminder_days;
    drop table if exists email_opt_outs;
    drop table if exists email_preferences;
  `.execute(db);
}
